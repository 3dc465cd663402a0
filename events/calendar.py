"""iCalendar (RFC 5545) for events: the feeds calendar programs subscribe to, and single events.

Each event keeps one UID for ever (``event-<uuid>@<site host>``) and a SEQUENCE that grows with
every change, so a client updates the entry it has rather than adding a second one; a cancelled
event stays in the feeds with STATUS:CANCELLED so the client takes it off people's calendars.
Times are written in the zone the organisers gave, with its VTIMEZONE.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from urllib.parse import urlsplit

import icalendar
from django.conf import settings
from django.http import HttpResponse
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _

from events.models import Event
from sanctuary.opendata import conditional_response

PRODID = "-//City of Sanctuary//Events//EN"
# How often a subscribed client should ask again (clients that honour it: Apple, Outlook).
REFRESH = dt.timedelta(hours=1)


def site_host() -> str:
    return urlsplit(settings.SITE_URL).hostname or "localhost"


def event_uid(event: Event) -> str:
    return f"event-{event.uuid}@{site_host()}"


def event_url(event: Event) -> str:
    return f"{settings.SITE_URL}{reverse('events:detail', args=[event.pk])}"


def _description(event: Event) -> str:
    parts = [event.description.strip()] if event.description.strip() else []
    if event.online_url:
        parts.append(_("Join online: %(url)s") % {"url": event.online_url})
    if event.accessibility.strip():
        parts.append(_("Accessibility: %(notes)s") % {"notes": event.accessibility.strip()})
    if event.booking_url:
        parts.append(_("Book a place: %(url)s") % {"url": event.booking_url})
    parts.append(_("Organised by %(group)s.") % {"group": event.group.name})
    return "\n\n".join(parts)


def vevent(event: Event) -> icalendar.Event:
    component = icalendar.Event()
    component.add("uid", event_uid(event))
    # Without a METHOD, DTSTAMP is when the event's information last changed (RFC 5545 3.8.7.2).
    component.add("dtstamp", event.updated_at.astimezone(dt.UTC))
    component.add("created", event.created_at.astimezone(dt.UTC))
    component.add("last-modified", event.updated_at.astimezone(dt.UTC))
    component.add("sequence", event.sequence)
    component.add("dtstart", event.local_start)
    component.add("dtend", event.local_end)
    title = event.title
    if event.is_cancelled:
        # Many clients show STATUS nowhere: the title says it too.
        title = _("Cancelled: %(title)s") % {"title": event.title}
    component.add("summary", title)
    component.add("description", _description(event))
    location = event.place.strip().replace("\r\n", ", ").replace("\n", ", ") or event.online_url
    if location:
        component.add("location", location)
    component.add("url", event_url(event))
    component.add("status", "CANCELLED" if event.is_cancelled else "CONFIRMED")
    return component


def calendar(events: Iterable[Event], *, name: str, description: str = "") -> icalendar.Calendar:
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    if description:
        cal.add("x-wr-caldesc", description)
    cal.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    cal.add("x-published-ttl", "PT1H")
    events = list(events)
    for event in events:
        cal.add_component(vevent(event))
    if events:
        # Each zone's rules for the span of these events (and a year either side), not for
        # every year since 1970: a feed stays small.
        margin = dt.timedelta(days=366)
        cal.add_missing_timezones(
            first_date=min(e.starts_at for e in events).date() - margin,
            last_date=max(e.ends_at for e in events).date() + margin,
        )
    return cal


def calendar_response(
    request, cal: icalendar.Calendar, *, filename: str, download: bool = False
) -> HttpResponse:
    """The calendar as a file with an ETag of its bytes, so a calendar program that polls gets a
    304 while nothing changed; kept by browsers and proxies for a few minutes, as the open data
    files are (a calendar client may lag a few minutes behind; that costs nothing)."""
    body = cal.to_ical()

    def build() -> HttpResponse:
        response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
        response["Content-Disposition"] = content_disposition_header(download, filename)
        return response

    return conditional_response(request, body, build)
