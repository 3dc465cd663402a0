"""Panel rules and the independence of reviews."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.html import escape

from awards import services
from awards.models import Application, PanelMember
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
