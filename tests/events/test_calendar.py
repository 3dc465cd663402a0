"""The iCalendar feeds, read back with the ``icalendar`` library as a calendar program would:
valid, one stable UID per event, SEQUENCE growing with each change, cancellations carried."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import icalendar
import pytest
from django.urls import reverse
from django.utils import timezone

from events import services
from events.calendar import event_uid
from tests.events.factories import EventFactory, past_event
from tests.factories import GroupFactory, make_lead

pytestmark = pytest.mark.django_db
LONDON = zoneinfo.ZoneInfo("Europe/London")


def read(response) -> icalendar.Calendar:
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return icalendar.Calendar.from_ical(response.content)


def vevents(cal) -> dict[str, icalendar.Event]:
    return {str(e["UID"]): e for e in cal.walk("VEVENT")}


def group_feed(client, group):
    return read(client.get(reverse("events:group_calendar", args=[group.slug])))


def _data(event, **changes) -> dict:
    data = {
        name: getattr(event, name)
        for name in ("title", "description", "starts_at", "ends_at", "time_zone", "place", "online_url")
    }
    return {**data, **changes}


def test_group_feed_is_a_valid_calendar_with_what_a_client_needs(client, settings):
    settings.SITE_URL = "https://sanctuary.example.org"
    group = GroupFactory(name="Testville City of Sanctuary")
    start = dt.datetime(2031, 6, 14, 12, 30, tzinfo=LONDON)  # British Summer Time
    event = EventFactory(
        group=group,
        title="Shared lunch",
        starts_at=start,
        ends_at=start + dt.timedelta(hours=2),
        booking_url="https://tickets.example.org/lunch",
        online_url="https://meet.example.org/lunch",
    )
    cal = group_feed(client, group)
    assert cal["VERSION"] == "2.0" and "PRODID" in cal
    assert str(cal["X-WR-CALNAME"]) == "Testville City of Sanctuary events"
    (component,) = cal.walk("VEVENT")
    assert str(component["UID"]) == f"event-{event.uuid}@sanctuary.example.org"
    assert str(component["SUMMARY"]) == "Shared lunch"
    assert str(component["STATUS"]) == "CONFIRMED"
    assert component["SEQUENCE"] == 0
    assert str(component["URL"]) == f"https://sanctuary.example.org/events/{event.pk}/"
    # The local time the organisers gave, in their zone, which the calendar describes.
    starts = component.decoded("DTSTART")
    assert starts == start and starts.utcoffset() == dt.timedelta(hours=1)
    assert component["DTSTART"].params["TZID"] == "Europe/London"
    assert component.decoded("DTEND") - starts == dt.timedelta(hours=2)
    (zone,) = cal.walk("VTIMEZONE")
    assert str(zone["TZID"]) == "Europe/London"
    # The zone's rules as a client reads them give the same moment.
    assert zone.to_tz().utcoffset(dt.datetime(2031, 6, 14, 12, 30)) == dt.timedelta(hours=1)
    assert zone.to_tz().utcoffset(dt.datetime(2031, 12, 14, 12, 30)) == dt.timedelta(0)
    assert len(response_bytes := cal.to_ical()) < 4000, len(response_bytes)
    assert str(cal["X-PUBLISHED-TTL"]) == "PT1H"
    for name in ("DTSTAMP", "LAST-MODIFIED", "CREATED"):
        assert component.decoded(name).utcoffset() == dt.timedelta(0), name
    assert "Community hall" in str(component["LOCATION"])
    description = str(component["DESCRIPTION"])
    assert "https://tickets.example.org/lunch" in description and "Step-free entrance." in description
    assert "https://meet.example.org/lunch" in description


def test_uid_stays_and_sequence_grows_with_each_update(client):
    group = GroupFactory()
    lead = make_lead(group)
    event = EventFactory(group=group)
    uid = event_uid(event)
    first = vevents(group_feed(client, group))[uid]
    stamp = first.decoded("DTSTAMP")

    event = services.event_update(event=event, actor=lead, data=_data(event, title="Shared lunch, new hall"))
    second = vevents(group_feed(client, group))
    assert list(second) == [uid]
    assert second[uid]["SEQUENCE"] == 1 and str(second[uid]["SUMMARY"]) == "Shared lunch, new hall"
    assert second[uid].decoded("DTSTAMP") >= stamp
    assert second[uid].decoded("LAST-MODIFIED") == second[uid].decoded("DTSTAMP")

    later = event.starts_at + dt.timedelta(hours=1)
    services.event_update(
        event=event, actor=lead, data=_data(event, starts_at=later, ends_at=later + dt.timedelta(hours=2))
    )
    third = vevents(group_feed(client, group))[uid]
    assert third["SEQUENCE"] == 2 and third.decoded("DTSTART") == later
    # Saving without changing anything is not news for calendars.
    services.event_update(
        event=event, actor=lead, data=_data(event, starts_at=later, ends_at=later + dt.timedelta(hours=2))
    )
    assert vevents(group_feed(client, group))[uid]["SEQUENCE"] == 2


def test_a_cancelled_event_stays_in_the_feeds_as_cancelled(client):
    group = GroupFactory()
    lead = make_lead(group)
    event = EventFactory(group=group, title="Film night")
    services.event_cancel(event=event, actor=lead)
    for cal in (group_feed(client, group), read(client.get(reverse("events:calendar")))):
        component = vevents(cal)[event_uid(event)]
        assert str(component["STATUS"]) == "CANCELLED"
        assert component["SEQUENCE"] == 1
        assert str(component["SUMMARY"]) == "Cancelled: Film night"


def test_network_feed_carries_every_groups_events_and_recent_past_ones(client):
    coming = [EventFactory(), EventFactory()]
    recent = past_event()
    long_ago = EventFactory(
        starts_at=timezone.now() - dt.timedelta(days=200), ends_at=timezone.now() - dt.timedelta(days=199)
    )
    cal = read(client.get(reverse("events:calendar")))
    uids = set(vevents(cal))
    assert {event_uid(e) for e in [*coming, recent]} <= uids
    assert event_uid(long_ago) not in uids
    assert client.get(reverse("events:calendar"))["Cache-Control"] == "public, max-age=300"


def test_group_feed_holds_only_that_groups_events(client):
    group, other = GroupFactory(), GroupFactory()
    mine, theirs = EventFactory(group=group), EventFactory(group=other)
    uids = set(vevents(group_feed(client, group)))
    assert event_uid(mine) in uids and event_uid(theirs) not in uids


def test_an_empty_feed_is_still_a_valid_calendar(client):
    group = GroupFactory()
    cal = group_feed(client, group)
    assert cal.walk("VEVENT") == [] and cal["VERSION"] == "2.0"


def test_an_event_in_another_time_zone_keeps_its_zone(client):
    start = dt.datetime(2031, 1, 10, 9, 0, tzinfo=zoneinfo.ZoneInfo("America/New_York"))
    event = EventFactory(time_zone="America/New_York", starts_at=start, ends_at=start + dt.timedelta(hours=1))
    response = client.get(reverse("events:detail_ics", args=[event.pk]))
    cal = read(response)
    (component,) = cal.walk("VEVENT")
    assert component["DTSTART"].params["TZID"] == "America/New_York"
    assert component.decoded("DTSTART").astimezone(dt.UTC) == dt.datetime(2031, 1, 10, 14, 0, tzinfo=dt.UTC)
    assert {str(tz["TZID"]) for tz in cal.walk("VTIMEZONE")} == {"America/New_York"}


def test_single_event_download_is_an_attachment_with_the_same_uid(client):
    event = EventFactory()
    response = client.get(reverse("events:detail_ics", args=[event.pk]))
    assert response["Content-Disposition"] == f'attachment; filename="event-{event.pk}.ics"'
    assert list(vevents(read(response))) == [event_uid(event)]


@pytest.mark.parametrize("feed", ["network", "group", "event"])
def test_a_calendar_answers_304_while_nothing_in_it_changed(client, feed):
    group = GroupFactory()
    lead = make_lead(group)
    event = EventFactory(group=group, title="Welcome lunch")
    url = {
        "network": reverse("events:calendar"),
        "group": reverse("events:group_calendar", args=[group.slug]),
        "event": reverse("events:detail_ics", args=[event.pk]),
    }[feed]
    first = client.get(url)
    assert first.status_code == 200 and first["ETag"]
    assert first["Cache-Control"] == "public, max-age=300"
    assert client.get(url)["ETag"] == first["ETag"]  # the same calendar, the same tag

    again = client.get(url, headers={"If-None-Match": first["ETag"]})
    assert again.status_code == 304 and again.content == b""
    assert again["ETag"] == first["ETag"]

    services.event_update(event=event, actor=lead, data=_data(event, title="Welcome lunch, new hall"))
    changed = client.get(url, headers={"If-None-Match": first["ETag"]})
    assert changed.status_code == 200 and changed["ETag"] != first["ETag"]
    assert str(vevents(read(changed))[event_uid(event)]["SUMMARY"]) == "Welcome lunch, new hall"


def test_unknown_group_or_event_answers_404(client):
    assert client.get(reverse("events:group_calendar", args=["nowhere"])).status_code == 404
    assert client.get(reverse("events:detail_ics", args=[999999])).status_code == 404
