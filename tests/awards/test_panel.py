"""Panel rules and the independence of reviews."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.html import escape

from awards import selectors, services
from awards.models import Application, PanelMember
from sanctuary.errors import Refused
from sanctuary.models import AuditEvent
from tests.awards.factories import make_assessor, make_panel, make_submitted, review_all
from tests.factories import OrganisationContactFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_panel_of_two_is_rejected_with_a_reason(national_staff):
    application = make_submitted()
    for assessor in (make_assessor(lived_experience=True), make_assessor()):
        services.panel_member_add(application=application, assessor=assessor, actor=national_staff)
    with pytest.raises(ValidationError) as exc:
        services.review_start(application=application, actor=national_staff)
    assert "at least 3 members" in " ".join(exc.value.messages)
    application.refresh_from_db()
    assert application.status == Application.Status.SUBMITTED


def test_panel_without_lived_experience_is_rejected(national_staff):
    application = make_submitted()
    for assessor in (make_assessor(), make_assessor(), make_assessor()):
        services.panel_member_add(application=application, assessor=assessor, actor=national_staff)
    with pytest.raises(ValidationError) as exc:
        services.review_start(application=application, actor=national_staff)
    assert "lived experience" in " ".join(exc.value.messages)


def test_declared_conflict_removes_the_member_and_breaks_the_panel(national_staff):
    application = make_submitted()
    members = make_panel(application, national_staff, declare=False)
    services.conflict_declare(member=members[1], has_conflict=True)
    for member in (members[0], members[2]):
        services.conflict_declare(member=member, has_conflict=False)
    with pytest.raises(ValidationError) as exc:
        services.review_start(application=application, actor=national_staff)
    assert "without a conflict of interest; it has 2" in " ".join(exc.value.messages)
    # and the conflicted assessor cannot be put back
    with pytest.raises(ValidationError, match="declared a conflict"):
        services.check_panel_member(application=application, assessor=members[1].assessor)


def test_lived_experience_member_with_conflict_does_not_count(national_staff):
    application = make_submitted()
    members = make_panel(application, national_staff, declare=False)
    services.panel_member_add(application=application, assessor=make_assessor(), actor=national_staff)
    services.conflict_declare(member=members[0], has_conflict=True)  # the lived-experience member
    assert any("lived experience" in p for p in services.panel_problems(application))


def test_staff_page_shows_panel_reasons(client_for, national_staff):
    application = make_submitted()
    response = client_for(national_staff).post(
        reverse("awards:staff_application", args=[application.pk]), {"start_review": "1"}
    )
    body = response.content.decode()
    assert "lived experience" in body and "at least 3 members" in body


def test_only_assessors_and_not_the_applicants_own_contacts_can_join(national_staff):
    application = make_submitted()
    with pytest.raises(ValidationError, match="assessor role"):
        services.check_panel_member(application=application, assessor=UserFactory())
    insider = make_assessor()
    OrganisationContactFactory(organisation=application.organisation, user=insider)
    with pytest.raises(ValidationError, match="conflict of interest"):
        services.check_panel_member(application=application, assessor=insider)


def test_reviewer_cannot_see_others_reviews_before_submitting(client_for, national_staff):
    application = make_submitted()
    members = make_panel(application, national_staff)
    services.review_start(application=application, actor=national_staff)
    review_all(application, members[:1], outcome="not_met")
    first = members[0]
    second = members[1]
    url = reverse("awards:review", args=[second.pk])
    client = client_for(second.assessor)
    body = client.get(url).content.decode()
    assert escape(first.assessor.display_name) not in body
    assert "Other members" not in body
    # Saving a draft does not unlock them either.
    answer = application.answers.first()
    client.post(url, {f"outcome_{answer.pk}": "met", "save": "1"})
    assert escape(first.assessor.display_name) not in client.get(url).content.decode()
    review_all(application, [second])
    body = client.get(url).content.decode()
    assert escape(first.assessor.display_name) in body and "Not met" in body


def test_decision_waits_for_every_review(national_staff):
    application = make_submitted()
    members = make_panel(application, national_staff)
    services.review_start(application=application, actor=national_staff)
    review_all(application, members[:2])
    with pytest.raises(ValidationError, match="Every panel member"):
        services.application_decide(application=application, awarded=True, feedback="x", actor=national_staff)


def test_conflicted_member_cannot_open_the_application(client_for, national_staff):
    application = make_submitted()
    members = make_panel(application, national_staff, declare=False)
    member = members[0]
    client = client_for(member.assessor)
    client.post(reverse("awards:review", args=[member.pk]), {"has_conflict": "yes"})
    member.refresh_from_db()
    assert member.conflict == PanelMember.Conflict.DECLARED
    answer = application.answers.first()
    body = client.get(reverse("awards:review", args=[member.pk])).content.decode()
    assert answer.account not in body
    assert client.get(reverse("awards:evidence", args=[application.pk, 1])).status_code == 404


def test_staff_reminders_are_recorded_once_a_day(
    client_for, national_staff, mailoutbox, django_capture_on_commit_callbacks
):
    application = make_submitted()
    members = make_panel(application, national_staff)
    services.review_start(application=application, actor=national_staff)
    review_all(application, members[:1])
    url = reverse("awards:staff_application", args=[application.pk])
    for _ in range(2):
        with django_capture_on_commit_callbacks(execute=True):
            client_for(national_staff).post(url, {"remind": "1"})
    reminded = sorted(m.to[0] for m in mailoutbox)
    assert reminded == sorted(m.assessor.email for m in members[1:])


def test_panel_sees_the_local_groups_endorsement_and_the_commitments(client_for, national_staff):
    from tests.factories import GroupFactory, OrganisationFactory, make_lead

    group = GroupFactory()
    lead = make_lead(group)
    application = make_submitted(organisation=OrganisationFactory(group=group))
    Application.objects.filter(pk=application.pk).update(commitments="Run a welcome week every year.")
    services.endorsement_respond(
        endorsement=application.endorsement, user=lead, endorse=False, comment="Promising, early days."
    )
    members = make_panel(application, national_staff)
    body = (
        client_for(members[0].assessor).get(reverse("awards:review", args=[members[0].pk])).content.decode()
    )
    assert "Commented without endorsing" in body and "Promising, early days." in body
    assert "Run a welcome week every year." in body


def _in_review(national_staff):
    application = make_submitted()
    members = make_panel(application, national_staff)
    services.review_start(application=application, actor=national_staff)
    return application, members


def _draft_review(member, outcome="partly", comment="A draft I have not finished"):
    outcomes = {a.pk: (outcome, comment) for a in member.application.answers.all()}
    services.review_save(member=member, outcomes=outcomes, submit=False)


def test_after_submitting_a_reviewer_sees_only_others_submitted_reviews_never_their_drafts(
    client_for, national_staff
):
    application, (first, second, third) = _in_review(national_staff)
    _draft_review(second, comment="Second's unfinished thoughts")
    review_all(application, [third], outcome="not_met")
    review_all(application, [first])
    body = client_for(first.assessor).get(reverse("awards:review", args=[first.pk])).content.decode()
    assert escape(third.assessor.display_name) in body and "Not met" in body
    assert "unfinished thoughts" not in body
    assert escape(second.assessor.display_name) not in body
    first.refresh_from_db()
    visible_members = {r.member_id for r in selectors.reviews_visible_to(first)}
    assert visible_members == {first.pk, third.pk}


def test_a_submitted_review_is_locked(client_for, national_staff):
    application, (first, *_rest) = _in_review(national_staff)
    review_all(application, [first], outcome="met")
    client = client_for(first.assessor)
    url = reverse("awards:review", args=[first.pk])
    page = client.get(url).content.decode()
    assert "Submit my review" not in page and 'name="outcome_' not in page
    answer = application.answers.first()
    response = client.post(
        url, {f"outcome_{answer.pk}": "not_met", f"comment_{answer.pk}": "Changed", "save": "1"}
    )
    assert response.status_code == 409
    assert "locked" in response.content.decode()
    with pytest.raises(Refused, match="locked"):
        services.review_save(member=first, outcomes={answer.pk: ("not_met", "x")}, submit=False)
    assert set(first.reviews.values_list("outcome", flat=True)) == {"met"}


def test_staff_reopen_a_review_with_a_reason_the_reviewer_is_told_and_others_stop_seeing_it(
    client_for, national_staff, mailoutbox, django_capture_on_commit_callbacks
):
    application, (first, second, _third) = _in_review(national_staff)
    review_all(application, [first, second])
    staff = client_for(national_staff)
    url = reverse("awards:staff_application", args=[application.pk])
    refused = staff.post(url, {"reopen_review": first.pk, "reopen_reason": ""})
    assert "Say why the review is reopened" in refused.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        staff.post(
            url, {"reopen_review": first.pk, "reopen_reason": "Please look again at the Share criterion."}
        )
    first.refresh_from_db()
    assert first.review_submitted_at is None and first.reopen_reason.startswith("Please look again")
    assert AuditEvent.objects.filter(action="awards.review_reopened", object_id=str(first.pk)).exists()
    assert [m.to for m in mailoutbox] == [[first.assessor.email]]
    assert "Please look again at the Share criterion." in mailoutbox[0].body
    # The reviewer sees why, and can change it again; the others no longer see it meanwhile.
    page = client_for(first.assessor).get(reverse("awards:review", args=[first.pk])).content.decode()
    assert "Please look again at the Share criterion." in page and "Submit my review" in page
    second.refresh_from_db()
    assert {r.member_id for r in selectors.reviews_visible_to(second)} == {second.pk}
    # Only a submitted review can be reopened, and only by staff's page.
    with pytest.raises(Refused):
        services.review_reopen(member=first, reason="Again", actor=national_staff)


def test_staff_decide_on_submitted_reviews_only(client_for, national_staff):
    application, (first, second, _third) = _in_review(national_staff)
    _draft_review(first, comment="Draft the staff must not weigh")
    review_all(application, [second], outcome="met")
    page = client_for(national_staff).get(reverse("awards:staff_application", args=[application.pk]))
    body = page.content.decode()
    assert "Draft the staff must not weigh" not in body
    assert {r.member_id for r in page.context["reviews"]} == {second.pk}


def test_the_panel_picker_offers_only_assessors_who_could_join(client_for, national_staff):
    application, members = _in_review(national_staff)
    outsider = make_assessor()
    applicants_own = make_assessor()
    OrganisationContactFactory(organisation=application.organisation, user=applicants_own)
    page = client_for(national_staff).get(reverse("awards:staff_application", args=[application.pk]))
    offered = set(page.context["add_form"].fields["assessor"].queryset)
    assert outsider in offered
    assert not offered & {m.assessor for m in members} and applicants_own not in offered
