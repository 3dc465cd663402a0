"""Events in the public JSON API at ``/api/v1/events/``: What's on, as data.

The list holds what What's on lists (events not yet over, soonest first, cancelled ones marked
so, as the calendar feeds carry them); one event by its number holds what its page shows, past
events too. Nothing about who published an event is sent.

A group renamed or moved to another region shows in the cached pages within figures_cache's
timeout (5 minutes): the groups app does not know of events, so cannot forget their topic.
"""

from __future__ import annotations

import datetime as dt
import re

from django.urls import reverse
from django.utils import timezone

from api.endpoints import Detail, Endpoint, Field, Filter
from events import selectors
from events.models import Event
from sanctuary.feeds import absolute
from sanctuary.geography import Nation, Region

_URL = {"type": "string", "format": "uri"}
_TEXT = {"type": "string"}
_MOMENT = {"type": "string", "format": "date-time"}
_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_NUMBER = re.compile(r"[0-9]{1,18}")

FIELDS = (
    Field("id", "The event's number: its page is /events/{id}/.", {"type": "integer"}, required=True),
    Field("title", "What the event is called.", _TEXT, required=True),
    Field(
        "status",
        "scheduled, or cancelled: a cancelled event stays listed until its time has passed.",
        {"type": "string", "enum": list(Event.Status.values)},
        required=True,
    ),
    Field(
        "starts_at",
        "When it starts: ISO 8601 in the event's time zone, with that zone's offset from UTC then.",
        _MOMENT,
        required=True,
    ),
    Field("ends_at", "When it ends, written as starts_at is.", _MOMENT, required=True),
    Field(
        "time_zone",
        "The IANA time zone the organisers gave the times in (Europe/London for UK time).",
        _TEXT,
        required=True,
    ),
    Field("description", "What the organisers say about the event.", _TEXT),
    Field("place", "Where it happens (an address), or null for an event only online.", _TEXT),
    Field("online_url", "The link to join online, if it can be joined online.", _URL),
    Field("accessibility", "What the organisers say about access: step-free entry, hearing loops...", _TEXT),
    Field(
        "booking_url",
        "Where to book a place; null once the event is cancelled or over, as on its page.",
        _URL,
    ),
    Field("group", "The organising group's web address on the platform (its slug).", _TEXT, required=True),
    Field("group_name", "The organising group's name.", _TEXT, required=True),
    Field(
        "nation",
        "The organising group's nation.",
        {"type": "string", "enum": list(Nation.values)},
        required=True,
    ),
    Field(
        "region",
        "The organising group's region code.",
        {"type": "string", "enum": list(Region.values)},
        required=True,
    ),
    Field("page_url", "The event's page on the platform.", _URL, required=True),
    Field("calendar_url", "The event as an iCalendar file, to add to a calendar.", _URL, required=True),
)


def _moment(moment: dt.datetime) -> str:
    return moment.isoformat(timespec="seconds")


def row(event: Event) -> dict:
    """One event as its public page shows it (the event's group read with it)."""
    bookable = not event.is_cancelled and not event.has_ended()
    return {
        "id": event.pk,
        "title": event.title,
        "status": event.status,
        "starts_at": _moment(event.local_start),
        "ends_at": _moment(event.local_end),
        "time_zone": event.time_zone,
        "description": event.description,
        "place": event.place,
        "online_url": event.online_url,
        "accessibility": event.accessibility,
        "booking_url": event.booking_url if bookable else "",
        "group": event.group.slug,
        "group_name": event.group.name,
        "nation": event.group.nation,
        "region": event.group.region,
        "page_url": absolute(reverse("events:detail", args=[event.pk])),
        "calendar_url": absolute(reverse("events:detail_ics", args=[event.pk])),
    }


def clean_day(value: str) -> dt.date:
    """A day as What's on accepts it, written as ISO 8601 (2027-01-31) and nothing else."""
    try:
        day = dt.date.fromisoformat(value) if _DAY.fullmatch(value) else None
    except ValueError:
        day = None
    if day is None:
        raise ValueError("Must be a date, as 2027-01-31.")
    if not selectors.FIRST_FILTER_DAY <= day <= selectors.LAST_FILTER_DAY:
        raise ValueError(
            f"Must be a date from {selectors.FIRST_FILTER_DAY.isoformat()} "
            f"to {selectors.LAST_FILTER_DAY.isoformat()}."
        )
    return day


def _items(filters: dict):
    return selectors.public_upcoming_events(
        nation=filters.get("nation", ""),
        region=filters.get("region", ""),
        starts_from=filters.get("from"),
        starts_until=filters.get("until"),
    )


def _detail(key: str) -> dict | None:
    if not _NUMBER.fullmatch(key):
        return None
    event = selectors.public_events().filter(pk=int(key)).first()
    return row(event) if event is not None else None


def events() -> Endpoint:
    today = timezone.localdate()
    return Endpoint(
        name="events",
        title="Events of local groups",
        description=(
            "The events What's on lists: those not yet over (under way included), soonest first, "
            "across the network. A cancelled event stays listed, marked so, until its time has "
            "passed. One event by its number gives what its page shows, past events too."
        ),
        schema_name="Event",
        fields=FIELDS,
        filters=(
            Filter("nation", "Only events of groups in this nation.", choices=tuple(Nation.values)),
            Filter("region", "Only events of groups in this region.", choices=tuple(Region.values)),
            Filter(
                "from",
                "Only events still on from this day (UK time), as 2027-01-31.",
                clean=clean_day,
                format="date",
                max_length=10,
            ),
            Filter(
                "until",
                "Only events starting by the end of this day (UK time), as 2027-01-31.",
                clean=clean_day,
                format="date",
                max_length=10,
            ),
        ),
        items=_items,
        row=row,
        detail=Detail(key="id", get=_detail),
        cache_topic=selectors.EVENTS_TOPIC,
        examples=(
            "nation=wales",
            f"from={today.isoformat()}&until={(today + dt.timedelta(days=30)).isoformat()}",
        ),
    )
