"""Reads for events. Every event is public once published (cancelled ones too, marked so):
the pages, the calendar feeds and, later, the JSON API all read through here."""

from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet
from django.utils import timezone

from events.models import Event
from groups.models import Group
from groups.selectors import groups_led_by
from sanctuary.figures_cache import cached_figures

# Calendar feeds keep an event this long after it ended, so a client that polls now and then
# still sees a late change or cancellation before the event drops out.
CALENDAR_PAST_DAYS = 90
# A network-wide feed is bounded like every list: the soonest events first.
CALENDAR_LENGTH = 500
# Past events a lead is asked to record, at most this far back.
RECORD_PROMPT_DAYS = 60
GROUP_SECTION_LENGTH = 5
# The days a filter of What's on or of the JSON API may name.
FIRST_FILTER_DAY = dt.date(2000, 1, 1)
LAST_FILTER_DAY = dt.date(2100, 12, 31)
# Cache topic of every event (sanctuary.figures_cache): the JSON API's pages are kept under it,
# and every service that changes an event forgets it.
EVENTS_TOPIC = "events.all"


def group_events_topic(group_id: int) -> str:
    """Cache topic of a group's events (sanctuary.figures_cache); the services forget it."""
    return f"events.group:{group_id}"


def public_events() -> QuerySet[Event]:
    return Event.objects.select_related("group")


def _day_start(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time()))


def public_upcoming_events(
    *,
    nation: str = "",
    region: str = "",
    starts_from: dt.date | None = None,
    starts_until: dt.date | None = None,
    group: Group | None = None,
    now: dt.datetime | None = None,
) -> QuerySet[Event]:
    """Events not yet over (those under way included), soonest first, across the network or of
    one group, in a nation or region (the group's), starting within a range of days (UK time).
    The What's on page reads this; so can the JSON API."""
    now = now or timezone.now()
    events = public_events().filter(ends_at__gt=now)
    if group is not None:
        events = events.filter(group=group)
    if nation:
        events = events.filter(group__nation=nation)
    if region:
        events = events.filter(group__region=region)
    if starts_from:
        # An event running over several days is still "on" during the range.
        events = events.filter(ends_at__gt=_day_start(starts_from))
    if starts_until:
        events = events.filter(starts_at__lt=_day_start(starts_until + dt.timedelta(days=1)))
    return events.order_by("starts_at", "pk")


def calendar_events(*, group: Group | None = None, now: dt.datetime | None = None) -> list[Event]:
    """What a calendar feed carries: coming events and those of the last CALENDAR_PAST_DAYS,
    cancelled ones included (a client learns of a cancellation only from the feed)."""
    now = now or timezone.now()
    events = public_events().filter(ends_at__gt=now - dt.timedelta(days=CALENDAR_PAST_DAYS))
    if group is not None:
        events = events.filter(group=group)
    return list(events.order_by("starts_at", "pk")[:CALENDAR_LENGTH])


def group_upcoming_section(group: Group, *, now: dt.datetime | None = None) -> list[Event]:
    """The next few events of a group for its public page, read from the cache until one of
    its events changes. More than are shown are kept, so an event that ends while cached drops
    off without a new read."""
    now = now or timezone.now()

    def compute() -> list[Event]:
        return list(
            Event.objects.filter(group=group, ends_at__gt=now).order_by("starts_at", "pk")[
                : GROUP_SECTION_LENGTH * 2
            ]
        )

    cached = cached_figures(group_events_topic(group.pk), "upcoming", compute)
    return [event for event in cached if event.ends_at > now][:GROUP_SECTION_LENGTH]


def events_to_record(user, *, now: dt.datetime | None = None) -> list[Event]:
    """Events of the groups ``user`` leads that have happened and are not yet in the group's
    activity record: the lead's dashboard offers to record each with one click."""
    now = now or timezone.now()
    return list(
        Event.objects.filter(
            group__in=groups_led_by(user),
            status=Event.Status.SCHEDULED,
            activity_recorded_at__isnull=True,
            ends_at__lte=now,
            ends_at__gt=now - dt.timedelta(days=RECORD_PROMPT_DAYS),
        )
        .select_related("group")
        .order_by("-ends_at", "pk")[:10]
    )
