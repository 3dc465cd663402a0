"""A small world of public rows and of rows the public pages never show, for the API tests."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from django.core.cache import cache
from django.utils import timezone

from awards.models import Award, Stream
from events.models import Event
from groups.models import Group, GroupApplication
from la_network.models import Application as CouncilApplication
from sanctuary.geography import Nation, Region
from tests.awards.factories import make_draft, make_stream
from tests.events.factories import EventFactory
from tests.factories import GroupFactory, LocalAuthorityFactory, UserFactory, make_lead
from tests.la_network.factories import CouncilContactFactory, complete_application, make_membership

# Values that live only in private records: none may appear in any API response.
SECRETS = (
    "Hidden Hollow",  # a group application nobody has decided
    "applicant-secret",
    "Nobody must read why",
    "lead-secret",
    "council-contact-secret",
    "cllr@example.org",
    "officer@example.org",
    "Draft Strategy Title",  # a council's draft application
    "S-0002",  # a withdrawn award
    "S-0003",  # an award in an unpublished stream
    "Unlisted Academy",
    "Withdrawn School",
    "Draft School",  # an award application
    "TV1 2AB",  # organisations' postcodes
    "Evelyn Eventmaker",  # who published an event
    "publisher-secret",
)


@dataclass
class World:
    riverton: Group
    abertawe: Group
    closed: Group
    events: dict[str, Event]


def make_award(
    stream, number: str, organisation_name: str, *, status=Award.Status.CURRENT, region=""
) -> Award:
    today = timezone.localdate()
    application = make_draft(stream=stream, organisation__name=organisation_name, organisation__region=region)
    return Award.objects.create(
        number=number,
        application=application,
        stream=stream,
        organisation=application.organisation,
        awarded_on=today - dt.timedelta(days=10),
        expires_on=today + dt.timedelta(days=300),
        status=status,
        verification_code=f"code-{number}",
    )


def add_member_council(code: str, *, nation=Nation.ENGLAND, region=Region.NORTH_WEST, **app):
    council = LocalAuthorityFactory(code=code, short_name=f"Council {code}", nation=nation, region=region)
    contact = CouncilContactFactory(local_authority=council)
    return make_membership(starts_on=timezone.localdate() - dt.timedelta(days=30), contact=contact, **app)


@pytest.fixture
def world(db) -> World:
    cache.clear()
    rivershire = LocalAuthorityFactory(code="RIV", short_name="Rivershire")
    riverton = GroupFactory(
        name="Riverton City of Sanctuary",
        slug="riverton",
        founded_on=dt.date(2019, 3, 1),
        website="https://riverton.example.org/",
        facebook_url="https://facebook.example.org/riverton",
        description="Welcoming people in Riverton since 2019.",
    )
    riverton.local_authorities.add(rivershire)
    make_lead(riverton, email="lead-secret@example.net")
    abertawe = GroupFactory(
        name="Abertawe Sanctuary", slug="abertawe", nation=Nation.WALES, region=Region.WALES
    )
    closed = GroupFactory(name="Gone Away", slug="gone-away", status=Group.Status.CLOSED)
    GroupApplication.objects.create(
        applicant=UserFactory(email="applicant-secret@example.net"),
        name="Hidden Hollow City of Sanctuary",
        area_served="Hidden Hollow",
        nation=Nation.ENGLAND,
        region=Region.NORTH_WEST,
        why="Nobody must read why.",
        who_involved="Friends",
        accepted_guidelines=True,
    )

    add_member_council("CUR")
    add_member_council("SCO", nation=Nation.SCOTLAND, region=Region.SCOTLAND)
    lapsed = LocalAuthorityFactory(code="OLD", short_name="Council OLD")
    make_membership(
        starts_on=timezone.localdate() - dt.timedelta(days=2000),
        contact=CouncilContactFactory(local_authority=lapsed),
    )
    complete_application(
        contact=CouncilContactFactory(user=UserFactory(email="council-contact-secret@example.net")),
        status=CouncilApplication.Status.DRAFT,
        strategy_title="Draft Strategy Title",
    )

    schools = make_stream(slug="schools", award_title="School of Sanctuary")
    hidden = make_stream(slug="hidden-stream", award_title="Unlisted award")
    make_award(schools, "S-0001", "Riverton Primary", region=Region.NORTH_WEST)
    make_award(schools, "S-0002", "Withdrawn School", status=Award.Status.WITHDRAWN)
    make_award(hidden, "S-0003", "Unlisted Academy")
    Stream.objects.filter(pk=hidden.pk).update(is_published=False)  # taken down after awarding
    make_draft(stream=schools, organisation__name="Draft School")
    return World(riverton=riverton, abertawe=abertawe, closed=closed, events=plant_events(riverton, abertawe))


def plant_events(riverton: Group, abertawe: Group) -> dict[str, Event]:
    """Two coming events, a cancelled one and one that is over, all published by one lead."""
    now = timezone.now().replace(second=0, microsecond=0)
    publisher = make_lead(riverton, email="publisher-secret@example.net", display_name="Evelyn Eventmaker")

    def event(days: int, **fields) -> Event:
        starts_at = now + dt.timedelta(days=days)
        return EventFactory(
            starts_at=starts_at, ends_at=starts_at + dt.timedelta(hours=2), created_by=publisher, **fields
        )

    return {
        "meal": event(
            5,
            group=riverton,
            title="Riverton welcome meal",
            online_url="https://meet.example.org/riverton-meal",
            booking_url="https://tickets.example.org/riverton-meal",
        ),
        "walk": event(9, group=abertawe, title="Abertawe coast walk"),
        "quiz": event(
            7,
            group=riverton,
            title="Riverton quiz night",
            booking_url="https://tickets.example.org/riverton-quiz",
            status=Event.Status.CANCELLED,
            cancelled_at=now,
        ),
        "picnic": event(-4, group=riverton, title="Riverton picnic that is over"),
    }
