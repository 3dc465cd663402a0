"""What's on, event pages, the group page's section and the lead's pages, as people use them."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest
from django.urls import reverse
from django.utils import timezone

from events.models import Event
from sanctuary.models import AuditEvent
from tests.events.factories import EventFactory, past_event
from tests.factories import GroupFactory, UserFactory, make_lead

pytestmark = pytest.mark.django_db
LONDON = zoneinfo.ZoneInfo("Europe/London")


def _form(**changes) -> dict:
    day = timezone.localdate() + dt.timedelta(days=10)
    data = {
        "title": "Welcome picnic",
        "description": "Bring a blanket.",
        "start_date": day.isoformat(),
        "start_time": "12:00",
        "end_date": "",
        "end_time": "15:00",
        "time_zone": "Europe/London",
        "place": "Riverside Park, Testville",
        "online_url": "",
        "accessibility": "Flat paths and a shaded area.",
        "booking_url": "",
    }
    return {**data, **changes}


# --- What's on ------------------------------------------------------------------------------------


def test_whats_on_lists_coming_events_soonest_first_and_leaves_out_past_ones(client):
    later = EventFactory(title="Later one", starts_at=timezone.now() + dt.timedelta(days=20))
    sooner = EventFactory(title="Sooner one", starts_at=timezone.now() + dt.timedelta(days=2))
    past_event(title="Already over")
    page = client.get(reverse("events:whats_on")).text
    assert page.index(sooner.title) < page.index(later.title)
    assert "Already over" not in page
    assert "2 events coming up" in page


def test_whats_on_keeps_a_cancelled_event_marked_cancelled(client):
    event = EventFactory(title="Coffee morning", status=Event.Status.CANCELLED)
    page = client.get(reverse("events:whats_on")).text
    assert event.title in page and "Cancelled" in page


def test_whats_on_filters_by_nation_region_and_dates(client):
    today = timezone.localdate()

    def at(days):
        return dt.datetime.combine(today + dt.timedelta(days=days), dt.time(18), tzinfo=LONDON)

    north = EventFactory(title="North West talk", group=GroupFactory(region="north_west"), starts_at=at(3))
    wales = EventFactory(
        title="Cardiff choir", group=GroupFactory(nation="wales", region="wales"), starts_at=at(12)
    )
    url = reverse("events:whats_on")
    by_nation = client.get(url, {"nation": "wales"}).text
    assert wales.title in by_nation and north.title not in by_nation
    by_region = client.get(url, {"region": "north_west"}).text
    assert north.title in by_region and wales.title not in by_region
    week = {"starts_from": today.isoformat(), "starts_until": (today + dt.timedelta(days=7)).isoformat()}
    in_week = client.get(url, week).text
    assert north.title in in_week and wales.title not in in_week
    later = client.get(url, {"starts_from": (today + dt.timedelta(days=10)).isoformat()}).text
    assert wales.title in later and north.title not in later


def test_whats_on_ignores_filters_that_make_no_sense(client):
    event = EventFactory()
    url = reverse("events:whats_on")
    for query in ({"region": "atlantis"}, {"starts_from": "not a date"}, {"starts_until": "9999-12-31"}):
        response = client.get(url, query)
        assert response.status_code == 200 and event.title in response.text


def test_whats_on_is_paginated(client):
    group = GroupFactory()
    for n in range(25):
        EventFactory(
            group=group, title=f"Event number {n:02d}", starts_at=timezone.now() + dt.timedelta(days=n + 1)
        )
    url = reverse("events:whats_on")
    first = client.get(url).text
    assert "Event number 00" in first and "Event number 24" not in first and "Page 1 of 2" in first
    second = client.get(url, {"page": 2}).text
    assert "Event number 24" in second


# --- Event and group pages --------------------------------------------------------------------------


def test_event_page_shows_when_where_access_and_booking_in_the_organisers_time(client):
    start = dt.datetime(2031, 7, 1, 18, 30, tzinfo=LONDON)
    event = EventFactory(
        title="Music night",
        starts_at=start,
        ends_at=start + dt.timedelta(hours=2),
        booking_url="https://tickets.example.org/music",
        accessibility="Hearing loop in the main hall.",
    )
    page = client.get(reverse("events:detail", args=[event.pk])).text
    assert "Tuesday 1 July 2031, 18:30" in page and "20:30" in page
    assert "Hearing loop in the main hall." in page and "https://tickets.example.org/music" in page
    assert reverse("events:detail_ics", args=[event.pk]) in page
    assert reverse("groups:detail", args=[event.group.slug]) in page


def test_event_page_of_an_event_abroad_names_its_zone(client):
    start = dt.datetime(2031, 7, 1, 9, 0, tzinfo=zoneinfo.ZoneInfo("America/New_York"))
    event = EventFactory(time_zone="America/New_York", starts_at=start, ends_at=start + dt.timedelta(hours=1))
    page = client.get(reverse("events:detail", args=[event.pk])).text
    assert "09:00" in page and "America/New_York" in page


def test_group_page_shows_its_coming_events_and_its_calendar_link(client):
    group = GroupFactory()
    EventFactory(group=group, title="Welcome supper")
    past_event(group=group, title="Last month's walk")
    EventFactory(title="Another group's fair")
    page = client.get(reverse("groups:detail", args=[group.slug])).text
    assert "Welcome supper" in page and "Last month's walk" not in page
    assert "Another group's fair" not in page
    assert reverse("events:group_calendar", args=[group.slug]) in page


def test_group_page_shows_a_new_event_at_once(client):
    group = GroupFactory()
    lead = make_lead(group)
    url = reverse("groups:detail", args=[group.slug])
    assert "Harvest supper" not in client.get(url).text
    lead_client = client.__class__()
    lead_client.force_login(lead)
    assert (
        lead_client.post(
            reverse("events:create", args=[group.slug]), _form(title="Harvest supper")
        ).status_code
        == 302
    )
    assert "Harvest supper" in client.get(url).text


# --- The lead's pages --------------------------------------------------------------------------------


def test_lead_publishes_an_event_in_uk_time_and_it_is_stored_aware(client_for):
    group = GroupFactory()
    lead = make_lead(group)
    day = dt.date(timezone.localdate().year + 1, 7, 4)  # summer: UK time is UTC+1
    response = client_for(lead).post(
        reverse("events:create", args=[group.slug]), _form(start_date=day.isoformat())
    )
    event = Event.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("events:detail", args=[event.pk])
    assert event.starts_at == dt.datetime(day.year, 7, 4, 11, 0, tzinfo=dt.UTC)
    assert event.ends_at == dt.datetime(day.year, 7, 4, 14, 0, tzinfo=dt.UTC)
    assert event.time_zone == "Europe/London" and event.created_by == lead
    assert AuditEvent.objects.filter(action="events.event_created", object_id=str(event.pk)).exists()


def test_the_form_starts_on_uk_time(client_for):
    group = GroupFactory()
    page = client_for(make_lead(group)).get(reverse("events:create", args=[group.slug])).text
    assert '<option value="Europe/London" selected>' in page


def test_an_event_in_another_time_zone_is_stored_at_the_right_moment(client_for):
    group = GroupFactory()
    day = dt.date(timezone.localdate().year + 1, 1, 15)
    client_for(make_lead(group)).post(
        reverse("events:create", args=[group.slug]),
        _form(start_date=day.isoformat(), start_time="09:00", end_time="10:00", time_zone="Asia/Tokyo"),
    )
    event = Event.objects.get()
    assert event.starts_at == dt.datetime(day.year, 1, 15, 0, 0, tzinfo=dt.UTC)


@pytest.mark.parametrize(
    "changes,field,message",
    [
        ({"place": "", "online_url": ""}, "place", "Give an address, an online link, or both."),
        ({"end_time": "11:00"}, "end_time", "The event must end after it starts."),
        ({"time_zone": "Mars/Olympus"}, "time_zone", "Select a valid choice."),
        ({"start_date": "2999-01-01"}, "start_date", "Choose a date within the next three years."),
        ({"online_url": "javascript:alert(1)"}, "online_url", "Enter a valid URL."),
    ],
)
def test_the_form_says_what_is_wrong_beside_the_field_and_keeps_what_was_typed(
    client_for, changes, field, message
):
    group = GroupFactory()
    response = client_for(make_lead(group)).post(
        reverse("events:create", args=[group.slug]), _form(**changes)
    )
    assert response.status_code == 200
    assert message in response.text and "There is a problem" in response.text
    assert 'value="Welcome picnic"' in response.text
    assert not Event.objects.exists()


def test_a_time_skipped_when_the_clocks_go_forward_is_refused(client_for):
    group = GroupFactory()
    # The last Sunday of March: 01:00 to 02:00 does not happen in the UK.
    year = timezone.localdate().year + 1
    day = max(dt.date(year, 3, d) for d in range(25, 32) if dt.date(year, 3, d).weekday() == 6)
    response = client_for(make_lead(group)).post(
        reverse("events:create", args=[group.slug]),
        _form(start_date=day.isoformat(), start_time="01:30", end_time="03:00"),
    )
    assert "The clocks go forward at that time" in response.text
    assert not Event.objects.exists()


def test_an_event_that_has_already_ended_cannot_be_published(client_for):
    group = GroupFactory()
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    response = client_for(make_lead(group)).post(
        reverse("events:create", args=[group.slug]), _form(start_date=yesterday.isoformat())
    )
    assert "This time has already passed" in response.text and not Event.objects.exists()


def test_lead_changes_an_event_and_the_form_starts_from_its_local_times(client_for):
    group = GroupFactory()
    lead = make_lead(group)
    start = dt.datetime(timezone.localdate().year + 1, 8, 2, 19, 0, tzinfo=LONDON)
    event = EventFactory(group=group, starts_at=start, ends_at=start + dt.timedelta(hours=2))
    client = client_for(lead)
    url = reverse("events:edit", args=[group.slug, event.pk])
    page = client.get(url).text
    assert (
        'value="19:00"' in page and 'value="21:00"' in page and f'value="{start.date().isoformat()}"' in page
    )
    client.post(
        url,
        _form(
            title="Moved to the big hall",
            start_date=start.date().isoformat(),
            start_time="19:00",
            end_time="21:00",
        ),
    )
    event.refresh_from_db()
    assert event.title == "Moved to the big hall" and event.sequence == 1


def test_cancelling_asks_first_then_keeps_the_event_marked_cancelled(client_for, client):
    group = GroupFactory()
    lead = make_lead(group)
    event = EventFactory(group=group, title="Coffee morning")
    lead_client = client_for(lead)
    url = reverse("events:cancel", args=[group.slug, event.pk])
    asked = lead_client.post(url)
    assert asked.status_code == 200 and "Yes, cancel the event" in asked.text
    event.refresh_from_db()
    assert event.status == Event.Status.SCHEDULED
    done = lead_client.post(url, {"confirmed": "yes"})
    assert done.status_code == 302
    event.refresh_from_db()
    assert event.status == Event.Status.CANCELLED and event.cancelled_at is not None
    assert "This event has been cancelled." in client.get(reverse("events:detail", args=[event.pk])).text
    # Nothing more to do with it: the list offers no change or cancel.
    listing = lead_client.get(reverse("events:manage", args=[group.slug])).text
    assert reverse("events:edit", args=[group.slug, event.pk]) not in listing
    assert url not in listing


def test_a_cancelled_or_ended_event_cannot_be_changed(client_for):
    group = GroupFactory()
    lead = make_lead(group)
    client = client_for(lead)
    for event in (EventFactory(group=group, status=Event.Status.CANCELLED), past_event(group=group)):
        response = client.post(reverse("events:edit", args=[group.slug, event.pk]), _form(title="Changed"))
        assert response.status_code == 200
        event.refresh_from_db()
        assert event.title != "Changed"


def test_a_closed_group_cannot_publish(client_for):
    group = GroupFactory(status="closed")
    response = client_for(make_lead(group)).post(reverse("events:create", args=[group.slug]), _form())
    assert "This group has closed" in response.text and not Event.objects.exists()


def test_other_people_cannot_reach_a_groups_event_pages(client_for):
    group = GroupFactory()
    event = EventFactory(group=group)
    other_lead = make_lead(GroupFactory())
    for client in (client_for(UserFactory()), client_for(other_lead)):
        assert client.get(reverse("events:manage", args=[group.slug])).status_code == 404
        assert client.post(reverse("events:create", args=[group.slug]), _form()).status_code == 404
        assert (
            client.post(
                reverse("events:cancel", args=[group.slug, event.pk]), {"confirmed": "yes"}
            ).status_code
            == 404
        )
    # Another group's address with this event's number: 404 too, even for a lead.
    other = other_lead.group_memberships.get().group
    assert client_for(other_lead).get(reverse("events:edit", args=[other.slug, event.pk])).status_code == 404
    event.refresh_from_db()
    assert event.status == Event.Status.SCHEDULED
    assert Event.objects.count() == 1
