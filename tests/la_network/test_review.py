import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from la_network import selectors, services
from la_network.models import (
    Application,
    CouncilContact,
    Endorsement,
    Membership,
    Requirement,
    RequirementReview,
)
from sanctuary.errors import Refused
from sanctuary.models import AuditEvent
from tests.factories import GroupMembershipFactory, make_lead
from tests.la_network.factories import complete_application, verify_all

pytestmark = pytest.mark.django_db

# The review form's ticks, all five on: a form posted without them would untick them.
ALL_TICKED = {f"{key}_verified": "on" for key in Requirement.values}


# --- endorsement ----------------------------------------------------------------------------


def test_only_a_lead_of_the_named_group_can_endorse(client_for):
    application = complete_application(endorsed=False)
    endorsement = application.endorsements.get()
    other_lead = make_lead()
    member = GroupMembershipFactory(group=endorsement.group).user
    url = reverse("la_network:endorsement", args=[endorsement.pk])
    answer = {"decision": "endorse", "statement": "Yes"}
    assert client_for(other_lead).post(url, answer).status_code == 404
    assert client_for(member).post(url, answer).status_code == 404
    assert client_for(application.created_by).post(url, answer).status_code == 404
    with pytest.raises(Refused):
        services.endorsement_decide(endorsement=endorsement, actor=other_lead, endorse=True, statement="x")
    endorsement.refresh_from_db()
    assert endorsement.status == Endorsement.Status.REQUESTED


def test_lead_of_the_named_group_endorses_with_a_statement(
    client_for, mailoutbox, django_capture_on_commit_callbacks
):
    application = complete_application(endorsed=False)
    endorsement = application.endorsements.get()
    lead = make_lead(endorsement.group)
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(lead).post(
            reverse("la_network:endorsement", args=[endorsement.pk]),
            {"decision": "endorse", "statement": "They work with us weekly."},
        )
    assert response.status_code == 302
    endorsement.refresh_from_db()
    assert endorsement.status == Endorsement.Status.ENDORSED and endorsement.decided_by == lead
    assert endorsement.statement == "They work with us weekly."
    assert mailoutbox[0].to == [application.created_by.email]
    assert AuditEvent.objects.filter(action="la_network.endorsement_endorsed").exists()


def test_a_declined_endorsement_is_shown_to_staff(client_for, national_staff):
    application = complete_application(endorsed=False)
    endorsement = application.endorsements.get()
    lead = make_lead(endorsement.group)
    services.endorsement_decide(
        endorsement=endorsement, actor=lead, endorse=False, statement="We have not seen any joint work."
    )
    client = client_for(national_staff)
    page = client.get(reverse("la_network:review", args=[application.pk]))
    assert b"Declined" in page.content and b"We have not seen any joint work." in page.content
    listing = client.get(reverse("la_network:review_list"))
    assert listing.context["page_obj"][0].declined == 1


def test_the_lead_sees_requests_to_their_groups_only(client_for):
    mine = complete_application(endorsed=False)
    complete_application(endorsed=False)
    lead = make_lead(mine.endorsements.get().group)
    page = client_for(lead).get(reverse("la_network:endorsements"))
    assert [e.application_id for e in page.context["page_obj"]] == [mine.pk]


# --- review by national staff ---------------------------------------------------------------


def submitted() -> Application:
    application = complete_application()
    return services.application_submit(application=application, actor=application.created_by)


def test_review_pages_are_for_national_staff_only(client_for, assessor):
    application = submitted()
    for user in (application.created_by, assessor):
        assert client_for(user).get(reverse("la_network:review", args=[application.pk])).status_code == 404
        assert (
            client_for(user)
            .post(reverse("la_network:review_decide", args=[application.pk]), {"action": "approve"})
            .status_code
            == 404
        )
    application.refresh_from_db()
    assert application.status == Application.Status.SUBMITTED


def test_staff_verify_each_requirement_with_a_note(client_for, national_staff):
    application = submitted()
    client = client_for(national_staff)
    response = client.post(
        reverse("la_network:review_decide", args=[application.pk]),
        {"motion_verified": "on", "motion_note": "Minutes checked.", "intent": "save"},
    )
    assert response.status_code == 302
    review = RequirementReview.objects.get(application=application, requirement="motion")
    assert review.verified and review.note == "Minutes checked." and review.reviewer == national_staff
    application.refresh_from_db()
    assert application.status == Application.Status.IN_REVIEW


def test_request_changes_emails_the_applicant_and_reopens_with_notes_beside_requirements(
    client_for, national_staff, mailoutbox, django_capture_on_commit_callbacks
):
    application = submitted()
    services.requirements_review_record(
        application=application,
        checks={"strategy": services.RequirementCheck(verified=False, note="The link gives a 404.")},
        actor=national_staff,
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(national_staff).post(
            reverse("la_network:review_decide", args=[application.pk]),
            {
                "strategy_note": "The link gives a 404.",
                "action": "changes",
                "reason": "Please fix the strategy link.",
                "intent": "decide",
            },
        )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == Application.Status.CHANGES_REQUESTED
    assert mailoutbox[0].to == [application.created_by.email]
    assert "Please fix the strategy link." in mailoutbox[0].body
    page = client_for(application.created_by).get(reverse("la_network:application", args=[application.pk]))
    assert b"The link gives a 404." in page.content and b"Please fix the strategy link." in page.content
    # It can be changed and sent again.
    services.application_submit(application=application, actor=application.created_by)
    application.refresh_from_db()
    assert application.status == Application.Status.SUBMITTED


def test_request_changes_or_decline_needs_a_reason(client_for, national_staff):
    application = submitted()
    response = client_for(national_staff).post(
        reverse("la_network:review_decide", args=[application.pk]),
        {"action": "decline", "reason": "", "intent": "decide"},
    )
    assert response.status_code == 400
    application.refresh_from_db()
    assert application.status == Application.Status.SUBMITTED


def test_decline_records_the_reason_and_tells_the_applicant(
    client_for, national_staff, mailoutbox, django_capture_on_commit_callbacks
):
    application = submitted()
    with django_capture_on_commit_callbacks(execute=True):
        client_for(national_staff).post(
            reverse("la_network:review_decide", args=[application.pk]),
            {"action": "decline", "reason": "No practical commitment yet.", "intent": "decide"},
        )
    application.refresh_from_db()
    assert application.status == Application.Status.DECLINED
    assert application.decision_reason == "No practical commitment yet."
    assert not Membership.objects.exists()
    assert "No practical commitment yet." in mailoutbox[0].body


@time_machine.travel(dt.datetime(2026, 5, 4, 10, tzinfo=dt.UTC), tick=False)
def test_approval_starts_a_three_year_membership_and_verifies_the_applicant(client_for, national_staff):
    application = verify_all(submitted(), national_staff)
    response = client_for(national_staff).post(
        reverse("la_network:review_decide", args=[application.pk]),
        {**ALL_TICKED, "action": "approve", "reason": "", "intent": "decide"},
    )
    assert response.status_code == 302
    membership = Membership.objects.get(application=application)
    assert membership.starts_on == dt.date(2026, 5, 4)
    assert membership.ends_on == dt.date(2029, 5, 3)
    assert CouncilContact.objects.get(user=application.created_by).verified
    assert AuditEvent.objects.filter(action="la_network.application_approved").exists()


def test_approval_is_refused_when_the_strategy_no_longer_covers_three_years(client_for, national_staff):
    application = verify_all(submitted(), national_staff)
    with time_machine.travel(dt.datetime(2028, 6, 1, tzinfo=dt.UTC), tick=False):
        response = client_for(national_staff).post(
            reverse("la_network:review_decide", args=[application.pk]),
            {**ALL_TICKED, "action": "approve", "intent": "decide"},
        )
    assert response.status_code == 400
    assert b"at least three years from approval" in response.content
    assert not Membership.objects.exists()


def test_a_second_approval_for_a_member_council_carries_on_from_its_term(national_staff):
    first = verify_all(submitted(), national_staff)
    with time_machine.travel(dt.datetime(2027, 1, 10, tzinfo=dt.UTC), tick=False):
        term = services.application_approve(application=first, actor=national_staff)
        again = complete_application(contact=first.local_authority.contacts.get())
        again = verify_all(
            services.application_submit(application=again, actor=again.created_by), national_staff
        )
        next_term = services.application_approve(application=again, actor=national_staff)
    assert next_term.starts_on == term.ends_on + dt.timedelta(days=1)


def test_national_staff_are_told_when_an_application_is_sent(
    national_staff, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        application = submitted()
    assert [m.to for m in mailoutbox] == [[national_staff.email]]
    assert reverse("la_network:review", args=[application.pk]) in mailoutbox[0].body


def test_an_endorsement_cannot_change_after_the_decision(client_for, national_staff):
    application = verify_all(submitted(), national_staff)
    endorsement = application.endorsements.get()
    services.application_approve(application=application, actor=national_staff)
    lead = endorsement.decided_by
    response = client_for(lead).post(
        reverse("la_network:endorsement", args=[endorsement.pk]),
        {"decision": "decline", "statement": "Changed our mind"},
    )
    assert response.status_code == 409
    endorsement.refresh_from_db()
    assert endorsement.status == Endorsement.Status.ENDORSED


def test_review_page_field_ids_are_unique_and_the_waiver_form_works(client_for, national_staff):
    import re

    from tests.la_network.factories import complete_application

    application = complete_application(endorsed=False)
    client = client_for(national_staff)
    page = client.get(reverse("la_network:review", args=[application.pk])).content.decode()
    ids = re.findall(r'\bid="([^"]+)"', page)
    assert len(ids) == len(set(ids)), sorted({i for i in ids if ids.count(i) > 1})
    client.post(
        reverse("la_network:review_decide", args=[application.pk]),
        {"waiver_reason": "There is no local group in this area.", "intent": "save"},
    )
    application.refresh_from_db()
    assert application.endorsement_waived
    assert application.endorsement_waiver_reason == "There is no local group in this area."


def test_approval_with_requirements_unverified_is_refused_naming_what_is_missing(client_for, national_staff):
    application = submitted()
    # Staff tick two requirements and ask to approve in the same post.
    response = client_for(national_staff).post(
        reverse("la_network:review_decide", args=[application.pk]),
        {"motion_verified": "on", "charter_verified": "on", "action": "approve", "intent": "decide"},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Not verified yet: Working with the local group, Written strategy, Contacts." in page
    assert not Membership.objects.exists()
    application.refresh_from_db()
    assert application.status == Application.Status.IN_REVIEW
    # The two ticks were kept, not dropped with the refused decision.
    verified = set(
        RequirementReview.objects.filter(application=application, verified=True).values_list(
            "requirement", flat=True
        )
    )
    assert verified == {"motion", "charter"}
    with pytest.raises(Refused, match="Not verified yet"):
        services.application_approve(application=application, actor=national_staff)


def test_a_waived_endorsement_counts_for_the_local_group_requirement(national_staff):
    application = submitted()
    checks = {key: services.RequirementCheck(verified=key != "local_group") for key in Requirement.values}
    services.requirements_review_record(application=application, checks=checks, actor=national_staff)
    assert selectors.approval_missing(application) == ["Working with the local group"]
    services.endorsement_waive(application=application, actor=national_staff, reason="No group exists here.")
    application.refresh_from_db()
    assert selectors.approval_missing(application) == []
    assert services.application_approve(application=application, actor=national_staff).pk


def test_the_review_page_says_what_is_missing_before_staff_decide(client_for, national_staff):
    application = submitted()
    page = (
        client_for(national_staff).get(reverse("la_network:review", args=[application.pk])).content.decode()
    )
    assert "Not verified yet: Council motion, Charter, Working with the local group" in page
    assert page.count("<form") == page.count('action="/la-network/staff/applications/') + page.count(
        'action="/accounts/logout/"'
    ) + page.count('action="/account/language/"')
