"""A double click sends a form twice: the main create forms keep one record (issue 8).

Each form is posted twice in a row, as a browser does when a button is clicked twice or a slow
page is submitted again, and must leave one record; the second answer is an ordinary page, not
an error. The charter signature has its own test (test_hostile_input.py).

Where two submissions can arrive at the same moment, tests marked ``postgres`` hold the first
one's transaction open while the second runs: without a lock or a constraint the second cannot
see the first and would make another record.
"""

from __future__ import annotations

import datetime as dt
import threading
import time

import pytest
from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone

from awards import services as award_services
from awards.models import Application as AwardApplication
from campaigns import services as campaign_services
from campaigns.action_types import DEFAULT_TYPES
from campaigns.models import Action, ActionType
from groups import services as group_services
from groups.models import GroupApplication, GroupInvitation, GroupMembership, Organisation, OrganisationPledge
from la_network import services as la_services
from la_network.models import Application as LAApplication
from returnees import services as returnee_services
from returnees.models import CheckIn
from tests.awards.factories import make_stream
from tests.campaigns.factories import CampaignFactory
from tests.factories import GroupFactory, OrganisationContactFactory, UserFactory, make_lead
from tests.groups.factories import CharterVersionFactory
from tests.la_network.factories import CouncilContactFactory
from tests.returnees.factories import guardian_of, monitored_case


def _twice(client, url, data) -> None:
    for _click in range(2):
        response = client.post(url, data)
        assert response.status_code in (200, 302), response.status_code


# --- one after the other ----------------------------------------------------------------------


@pytest.mark.django_db
def test_starting_an_la_application_twice_opens_one_draft(client_for):
    contact = CouncilContactFactory()
    data = {"local_authority": contact.local_authority.pk, "role": contact.role}
    _twice(client_for(contact.user), reverse("la_network:apply"), data)
    assert LAApplication.objects.filter(local_authority=contact.local_authority).count() == 1


@pytest.mark.django_db
def test_starting_an_award_application_twice_opens_one(client_for):
    contact = OrganisationContactFactory()
    stream = make_stream()
    _twice(
        client_for(contact.user),
        reverse("awards:apply", args=[stream.slug]),
        {"organisation": contact.organisation.pk},
    )
    assert AwardApplication.objects.filter(organisation=contact.organisation).count() == 1


def _action_form(campaign) -> dict:
    return {
        "type": "write-to-mp",
        "done_on": (timezone.localdate() - dt.timedelta(days=1)).isoformat(),
        "place": "Riverton",
        "region": "north_west",
        "detail_recipient": "A. Member",
        "detail_constituency": "Riverton North",
        "detail_sent_on": timezone.localdate().isoformat(),
        "detail_method": "letter",
    }


@pytest.mark.django_db
def test_logging_the_same_campaign_action_twice_keeps_one(client_for):
    campaign = CampaignFactory()
    person = UserFactory()
    url = reverse("campaigns:act", args=[campaign.slug]) + "?type=write-to-mp"
    _twice(client_for(person), url, _action_form(campaign))
    assert Action.objects.filter(user=person).count() == 1


@pytest.mark.django_db
def test_a_supporter_can_still_log_a_second_different_action(client_for):
    campaign = CampaignFactory()
    person = UserFactory()
    client = client_for(person)
    url = reverse("campaigns:act", args=[campaign.slug]) + "?type=write-to-mp"
    client.post(url, _action_form(campaign))
    client.post(url, {**_action_form(campaign), "detail_recipient": "Another Member"})
    assert Action.objects.filter(user=person).count() == 2


def _checkin_form() -> dict:
    return {
        "occurred_at": timezone.localtime().replace(second=0, microsecond=0).strftime("%Y-%m-%dT%H:%M"),
        "channel": "phone",
        "reached": "yes",
        "wellbeing": "safe",
        "notes": "Settled in.",
    }


@pytest.mark.django_db
def test_recording_the_same_check_in_twice_keeps_one(client_for):
    case = monitored_case()
    guardian = guardian_of(case)
    _twice(client_for(guardian), reverse("returnees:checkin_new", args=[case.reference]), _checkin_form())
    assert CheckIn.objects.filter(case=case).count() == 1


@pytest.mark.django_db
def test_a_guardian_can_still_record_a_second_check_in(client_for):
    case = monitored_case()
    guardian = guardian_of(case)
    client = client_for(guardian)
    url = reverse("returnees:checkin_new", args=[case.reference])
    client.post(url, _checkin_form())
    later = timezone.localtime() + dt.timedelta(minutes=5)
    client.post(url, {**_checkin_form(), "occurred_at": later.strftime("%Y-%m-%dT%H:%M")})
    assert CheckIn.objects.filter(case=case).count() == 2


GROUP_APPLICATION = {
    "name": "Riverton City of Sanctuary",
    "area_served": "Riverton",
    "nation": "england",
    "region": "north_west",
    "why": "To welcome.",
    "who_involved": "Friends.",
    "accept_guidelines": "on",
}


@pytest.mark.django_db
def test_applying_to_start_a_group_twice_keeps_one_application(client_for):
    person = UserFactory()
    _twice(client_for(person), reverse("groups:apply"), GROUP_APPLICATION)
    assert GroupApplication.objects.filter(applicant=person).count() == 1


ORGANISATION_PLEDGE = {
    "name": "Riverton Library",
    "org_type": "library",
    "website": "",
    "address": "1 High Street",
    "postcode": "RV1 1AA",
    "region": "north_west",
    "size_band": "10-49",
    "contact_name": "Pat",
    "contact_email": "pat@example.org",
    "agree": "on",
}


@pytest.mark.django_db
def test_signing_the_organisation_pledge_twice_keeps_one(client):
    CharterVersionFactory()
    _twice(client, reverse("charter:organisation_sign"), ORGANISATION_PLEDGE)
    assert Organisation.objects.filter(name="Riverton Library").count() == 1
    assert OrganisationPledge.objects.filter(contact_email="pat@example.org").count() == 1


@pytest.mark.django_db
def test_inviting_the_same_person_twice_keeps_one_invitation(client_for, mailoutbox):
    group = GroupFactory()
    lead = make_lead(group)
    _twice(
        client_for(lead),
        reverse("groups:invite", args=[group.slug]),
        {"email": "new@example.org", "role": "member"},
    )
    assert GroupInvitation.objects.filter(group=group, email="new@example.org").count() == 1


# --- at the same moment (PostgreSQL) ------------------------------------------------------------


def _race(first, second) -> list:
    """Run ``first`` in a transaction held open until ``second`` has started and had time to
    reach any lock; return what each call gave (or the exception it raised)."""
    started, created = threading.Event(), threading.Event()
    results: dict[str, object] = {}

    def hold():
        try:
            with transaction.atomic():
                results["first"] = first()
                created.set()
                started.wait(10)
                time.sleep(0.5)  # long enough for the second call to block on a lock, if any
        except Exception as exc:  # pragma: no cover - shown by the assertion
            results["first"] = exc
            created.set()
        finally:
            connection.close()

    def follow():
        created.wait(10)
        started.set()
        try:
            results["second"] = second()
        except Exception as exc:
            results["second"] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=hold), threading.Thread(target=follow)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(20)
    return [results.get("first"), results.get("second")]


race = pytest.mark.django_db(transaction=True)


@pytest.mark.postgres
@race
def test_two_la_application_starts_at_once_open_one_draft():
    contact = CouncilContactFactory()

    def start():
        return la_services.application_start(
            user=contact.user, local_authority=contact.local_authority, role=contact.role
        )

    _race(start, start)
    assert LAApplication.objects.filter(local_authority=contact.local_authority).count() == 1


@pytest.mark.postgres
@race
def test_two_award_application_starts_at_once_open_one():
    contact = OrganisationContactFactory()
    stream = make_stream()

    def start():
        return award_services.application_start(
            stream=stream, organisation=contact.organisation, user=contact.user
        )

    results = _race(start, start)
    assert AwardApplication.objects.filter(organisation=contact.organisation).count() == 1
    assert isinstance(results[0], AwardApplication)


def _write_to_mp() -> ActionType:
    """The type from the data migration, which a transactional test's flush may have removed."""
    definition = next(d for d in DEFAULT_TYPES if d["slug"] == "write-to-mp")
    values = {k: v for k, v in definition.items() if k != "slug"}
    kind, _created = ActionType.objects.get_or_create(
        slug="write-to-mp", defaults={**values, "expects_outcome": bool(values.get("outcome_fields"))}
    )
    return kind


@pytest.mark.postgres
@race
def test_the_same_campaign_action_logged_twice_at_once_is_kept_once():
    kind = _write_to_mp()
    campaign = CampaignFactory(types=[kind])
    person = UserFactory()

    def log():
        return campaign_services.action_log(
            campaign=campaign,
            action_type=kind,
            user=person,
            done_on=timezone.localdate(),
            region="north_west",
            place="Riverton",
            details={"recipient": "A. Member", "constituency": "Riverton North"},
        )

    first, second = _race(log, log)
    assert Action.objects.filter(user=person).count() == 1
    assert isinstance(first, Action) and first.pk == second.pk


@pytest.mark.postgres
@race
def test_the_same_check_in_recorded_twice_at_once_is_kept_once():
    case = monitored_case()
    guardian = guardian_of(case)
    when = timezone.now().replace(second=0, microsecond=0)

    def record():
        return returnee_services.checkin_record(
            actor=guardian,
            case=case,
            occurred_at=when,
            channel="phone",
            reached=True,
            wellbeing="safe",
            notes="Settled in.",
        )

    _race(record, record)
    assert CheckIn.objects.filter(case=case).count() == 1


@pytest.mark.postgres
@race
def test_the_same_group_application_sent_twice_at_once_is_kept_once():
    person = UserFactory()
    fields = {k: v for k, v in GROUP_APPLICATION.items() if k != "accept_guidelines"}

    def submit():
        return group_services.group_application_submit(applicant=person, **fields)

    _race(submit, submit)
    assert GroupApplication.objects.filter(applicant=person).count() == 1


@pytest.mark.postgres
@race
def test_the_same_organisation_pledge_sent_twice_at_once_is_kept_once():
    CharterVersionFactory()
    fields = {k: v for k, v in ORGANISATION_PLEDGE.items() if k != "agree"}

    def sign():
        return group_services.organisation_pledge_sign(group=None, **fields)

    _first, second = _race(sign, sign)
    assert OrganisationPledge.objects.filter(contact_email="pat@example.org").count() == 1
    assert Organisation.objects.filter(name="Riverton Library").count() == 1
    assert not isinstance(second, Exception), second


@pytest.mark.postgres
@race
def test_the_same_invitation_sent_twice_at_once_is_kept_once():
    group = GroupFactory()
    lead = make_lead(group)

    def invite():
        return group_services.invitation_create(
            group=group, actor=lead, email="new@example.org", role=GroupMembership.Role.MEMBER
        )

    _race(invite, invite)
    assert GroupInvitation.objects.filter(group=group).count() == 1
