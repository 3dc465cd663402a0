import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from la_network import forms, services
from la_network.models import Application, CouncilContact, Endorsement, Requirement
from sanctuary.errors import Refused
from tests.factories import LocalAuthorityFactory, UserFactory
from tests.la_network.factories import CouncilContactFactory, complete_application

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 3, 10)


@pytest.mark.parametrize(
    "requirement,cleared,message",
    [
        (Requirement.MOTION, {"motion_passed_on": None}, "date the council passed its motion"),
        (Requirement.MOTION, {"motion_title": ""}, "title of the motion"),
        (Requirement.MOTION, {"motion_minutes_url": ""}, "published minutes or upload the motion"),
        (Requirement.CHARTER, {"charter_signed_on": None}, "date the council signed the charter"),
        (Requirement.CHARTER, {"charter_signatory_name": ""}, "who signed the charter"),
        (Requirement.LOCAL_GROUP, {"joint_work": ""}, "Describe the work"),
        (Requirement.STRATEGY, {"strategy_title": ""}, "title of the written strategy"),
        (Requirement.STRATEGY, {"strategy_url": ""}, "public link to the strategy"),
        (Requirement.STRATEGY, {"strategy_ends_on": None}, "start and end dates"),
        (Requirement.CONTACTS, {"councillor_email": ""}, "responsible councillor"),
        (Requirement.CONTACTS, {"officer_job_title": ""}, "at least one officer"),
    ],
)
def test_each_missing_requirement_blocks_submission_with_its_message(requirement, cleared, message):
    application = complete_application(**cleared)
    with pytest.raises(services.ApplicationIncomplete) as caught:
        services.application_submit(application=application, actor=application.created_by)
    assert list(caught.value.problems) == [requirement]
    assert message in " ".join(caught.value.problems[requirement])
    application.refresh_from_db()
    assert application.status == Application.Status.DRAFT


def test_submission_is_blocked_until_a_named_group_endorses():
    application = complete_application(endorsed=False)
    with pytest.raises(services.ApplicationIncomplete) as caught:
        services.application_submit(application=application, actor=application.created_by)
    assert "must endorse" in caught.value.problems[Requirement.LOCAL_GROUP][0]


def test_submission_is_blocked_without_any_named_group():
    application = complete_application()
    application.endorsements.all().delete()
    with pytest.raises(services.ApplicationIncomplete) as caught:
        services.application_submit(application=application, actor=application.created_by)
    assert "Name the local group" in caught.value.problems[Requirement.LOCAL_GROUP][0]


def test_staff_waiver_with_a_reason_lets_an_application_without_a_group_be_sent(national_staff):
    application = complete_application()
    application.endorsements.all().delete()
    services.endorsement_waive(application=application, actor=national_staff, reason="No group exists here.")
    services.application_submit(application=application, actor=application.created_by)
    application.refresh_from_db()
    assert application.status == Application.Status.SUBMITTED
    assert application.endorsement_waiver_reason == "No group exists here."


def test_complete_application_is_submitted_from_the_check_page(client_for):
    application = complete_application()
    client = client_for(application.created_by)
    page = client.get(reverse("la_network:application_check", args=[application.pk]))
    assert page.status_code == 200 and b"Send the application" in page.content
    response = client.post(reverse("la_network:application_check", args=[application.pk]))
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == Application.Status.SUBMITTED and application.submitted_at


def test_check_page_lists_what_is_missing_and_refuses_to_send(client_for):
    application = complete_application(officer_email="")
    client = client_for(application.created_by)
    response = client.post(reverse("la_network:application_check", args=[application.pk]))
    assert response.status_code == 400
    assert b"at least one officer" in response.content
    application.refresh_from_db()
    assert application.status == Application.Status.DRAFT


def strategy_form(starts_on: dt.date, ends_on: dt.date, url: str = "https://example.org/s"):
    return forms.StrategyForm(
        data={
            "strategy_title": "Welcome",
            "strategy_url": url,
            "strategy_starts_on": starts_on.isoformat(),
            "strategy_ends_on": ends_on.isoformat(),
        },
        instance=Application(),
    )


@time_machine.travel(dt.datetime(2026, 3, 10, 12, tzinfo=dt.UTC), tick=False)
def test_strategy_of_two_years_364_days_is_rejected_with_a_clear_message():
    form = strategy_form(TODAY, dt.date(2029, 3, 9))
    assert not form.is_valid()
    assert "at least three years from approval" in form.errors["strategy_ends_on"][0]
    assert "10/03/2029" in form.errors["strategy_ends_on"][0]


@time_machine.travel(dt.datetime(2026, 3, 10, 12, tzinfo=dt.UTC), tick=False)
def test_strategy_of_exactly_three_years_is_accepted():
    assert strategy_form(TODAY, dt.date(2029, 3, 10)).is_valid()


@time_machine.travel(dt.datetime(2026, 3, 10, 12, tzinfo=dt.UTC), tick=False)
def test_strategy_that_started_earlier_must_still_run_three_years_from_now():
    assert not strategy_form(dt.date(2025, 1, 1), dt.date(2028, 1, 1)).is_valid()


@pytest.mark.parametrize(
    "url", ["ftp://example.org/strategy.pdf", "javascript:alert(1)", "file:///etc/passwd"]
)
def test_non_http_strategy_url_is_rejected(url):
    form = strategy_form(TODAY, dt.date(2030, 1, 1), url=url)
    with time_machine.travel(dt.datetime(2026, 3, 10, tzinfo=dt.UTC), tick=False):
        assert not form.is_valid()
    assert "strategy_url" in form.errors


def test_strategy_url_is_required():
    form = forms.StrategyForm(data={"strategy_title": "Welcome"}, instance=Application())
    assert not form.is_valid() and "strategy_url" in form.errors


def test_contact_emails_are_validated():
    form = forms.ContactsForm(
        data={
            "councillor_name": "A",
            "councillor_email": "not-an-email",
            "councillor_portfolio": "P",
            "officer_name": "B",
            "officer_email": "b@example",
            "officer_job_title": "T",
        },
        instance=Application(),
    )
    assert not form.is_valid()
    assert {"councillor_email", "officer_email"} <= set(form.errors)


def test_officer_starts_an_application_and_is_linked_to_the_council(client_for):
    council = LocalAuthorityFactory()
    user = UserFactory()
    response = client_for(user).post(
        reverse("la_network:apply"), {"local_authority": council.pk, "role": "officer"}
    )
    application = Application.objects.get(local_authority=council)
    assert response["Location"] == reverse("la_network:application", args=[application.pk])
    assert CouncilContact.objects.filter(user=user, local_authority=council, verified=False).exists()


def test_former_council_cannot_apply(client_for):
    former = LocalAuthorityFactory(is_current=False)
    response = client_for(UserFactory()).post(
        reverse("la_network:apply"), {"local_authority": former.pk, "role": "officer"}
    )
    assert response.status_code == 200
    assert b"local_authority" in response.content or b"valid choice" in response.content
    assert not Application.objects.exists()
    with pytest.raises(Refused, match="Former councils cannot apply"):
        services.application_start(user=UserFactory(), local_authority=former, role="officer")


def test_saving_the_group_section_asks_the_leads_to_endorse(
    client_for, mailoutbox, django_capture_on_commit_callbacks
):
    from tests.factories import GroupFactory, make_lead

    group = GroupFactory()
    lead = make_lead(group)
    contact = CouncilContactFactory(verified=False)
    application = Application.objects.create(local_authority=contact.local_authority, created_by=contact.user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(contact.user).post(
            reverse("la_network:application_section", args=[application.pk, "local_group"]),
            {"groups": [group.pk], "joint_work": "Shared drop-in every Tuesday."},
        )
    assert response.status_code == 302
    endorsement = Endorsement.objects.get(application=application, group=group)
    assert endorsement.status == Endorsement.Status.REQUESTED
    assert [m.to for m in mailoutbox] == [[lead.email]]
    assert reverse("la_network:endorsement", args=[endorsement.pk]) in mailoutbox[0].body


def test_a_section_form_error_keeps_what_was_typed(client_for):
    contact = CouncilContactFactory()
    application = Application.objects.create(local_authority=contact.local_authority, created_by=contact.user)
    response = client_for(contact.user).post(
        reverse("la_network:application_section", args=[application.pk, "contacts"]),
        {"councillor_name": "Cllr Keep Me", "councillor_email": "bad"},
    )
    assert response.status_code == 200
    assert b"Cllr Keep Me" in response.content and b"There is a problem" in response.content
    application.refresh_from_db()
    assert application.councillor_name == ""


def test_another_persons_application_is_not_found(client_for):
    application = complete_application()
    stranger = UserFactory()
    url = reverse("la_network:application", args=[application.pk])
    assert client_for(stranger).get(url).status_code == 404
    # Claiming to act for the same council does not open its application until verified.
    CouncilContactFactory(user=stranger, local_authority=application.local_authority, verified=False)
    assert client_for(stranger).get(url).status_code == 404


def test_a_verified_colleague_at_the_same_council_can_see_the_application(client_for):
    application = complete_application()
    colleague = CouncilContactFactory(local_authority=application.local_authority, verified=True)
    assert (
        client_for(colleague.user).get(reverse("la_network:application", args=[application.pk])).status_code
        == 200
    )


def test_submitted_application_can_no_longer_be_edited(client_for):
    application = complete_application(status=Application.Status.SUBMITTED)
    response = client_for(application.created_by).post(
        reverse("la_network:application_section", args=[application.pk, "charter"]),
        {"charter_signed_on": "2020-01-01", "charter_signatory_name": "X", "charter_signatory_role": "Y"},
    )
    assert response.status_code == 409  # refused, saying why
    application.refresh_from_db()
    assert application.charter_signatory_name == "Cllr Test"


def test_start_form_does_not_choose_the_role_for_the_applicant(client_for):
    council = LocalAuthorityFactory()
    client = client_for(UserFactory())
    page = client.get(reverse("la_network:apply")).content.decode()
    assert 'selected value="officer"' not in page and 'value="officer" selected' not in page
    response = client.post(reverse("la_network:apply"), {"local_authority": council.pk})
    assert response.status_code == 200
    assert "Say whether you are the responsible councillor or the officer." in response.content.decode()
    assert not Application.objects.exists() and not CouncilContact.objects.exists()
