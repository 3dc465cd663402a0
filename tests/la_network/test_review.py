import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from la_network import services
from la_network.models import Application, CouncilContact, Endorsement, Membership, RequirementReview
from sanctuary.models import AuditEvent
from tests.factories import GroupMembershipFactory, make_lead
from tests.la_network.factories import complete_application

pytestmark = pytest.mark.django_db


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
    with pytest.raises(PermissionError):
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
    client.post(reverse("la_network:review_start", args=[application.pk]))
    response = client.post(
        reverse("la_network:review_requirement", args=[application.pk, "motion"]),
        {"motion-requirement": "motion", "motion-verified": "on", "motion-note": "Minutes checked."},
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
    services.requirement_review_record(
        application=application,
        requirement="strategy",
        verified=False,
        note="The link gives a 404.",
        actor=national_staff,
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(national_staff).post(
            reverse("la_network:review_decide", args=[application.pk]),
            {"action": "changes", "reason": "Please fix the strategy link."},
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
        reverse("la_network:review_decide", args=[application.pk]), {"action": "decline", "reason": ""}
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
            {"action": "decline", "reason": "No practical commitment yet."},
        )
    application.refresh_from_db()
    assert application.status == Application.Status.DECLINED
    assert application.decision_reason == "No practical commitment yet."
    assert not Membership.objects.exists()
    assert "No practical commitment yet." in mailoutbox[0].body


@time_machine.travel(dt.datetime(2026, 5, 4, 10, tzinfo=dt.UTC), tick=False)
def test_approval_starts_a_three_year_membership_and_verifies_the_applicant(client_for, national_staff):
    application = submitted()
    response = client_for(national_staff).post(
        reverse("la_network:review_decide", args=[application.pk]), {"action": "approve", "reason": ""}
    )
    assert response.status_code == 302
    membership = Membership.objects.get(application=application)
    assert membership.starts_on == dt.date(2026, 5, 4)
    assert membership.ends_on == dt.date(2029, 5, 3)
    assert CouncilContact.objects.get(user=application.created_by).verified
    assert AuditEvent.objects.filter(action="la_network.application_approved").exists()


def test_approval_is_refused_when_the_strategy_no_longer_covers_three_years(client_for, national_staff):
    application = submitted()
    with time_machine.travel(dt.datetime(2028, 6, 1, tzinfo=dt.UTC), tick=False):
        response = client_for(national_staff).post(
            reverse("la_network:review_decide", args=[application.pk]), {"action": "approve"}
        )
    assert response.status_code == 400
    assert b"at least three years from approval" in response.content
    assert not Membership.objects.exists()


def test_a_second_approval_for_a_member_council_carries_on_from_its_term(national_staff):
    first = submitted()
    with time_machine.travel(dt.datetime(2027, 1, 10, tzinfo=dt.UTC), tick=False):
        term = services.application_approve(application=first, actor=national_staff)
        again = complete_application(contact=first.local_authority.contacts.get())
        again = services.application_submit(application=again, actor=again.created_by)
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
    application = submitted()
    endorsement = application.endorsements.get()
    services.application_approve(application=application, actor=national_staff)
    lead = endorsement.decided_by
    response = client_for(lead).post(
        reverse("la_network:endorsement", args=[endorsement.pk]),
        {"decision": "decline", "statement": "Changed our mind"},
    )
    assert response.status_code == 400
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
        reverse("la_network:review_waive", args=[application.pk]),
        {"waiver-reason": "There is no local group in this area."},
    )
    application.refresh_from_db()
    assert application.endorsement_waived
    assert application.endorsement_waiver_reason == "There is no local group in this area."
