"""Hostile input to events: the lead's form and the What's on filters answer every input with a
page, escape what they show, and whatever a title holds, the calendar feed stays one valid
calendar with one entry per event (no line a client would read as a property of its own)."""

from __future__ import annotations

import icalendar
import pytest
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from groups.models import Group
from tests.factories import GroupFactory, make_lead
from tests.security.test_hostile_input import hostile_text

pytestmark = pytest.mark.django_db

HYPOTHESIS = settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
odd_values = st.one_of(
    hostile_text, st.sampled_from(["2031-02-30", "24:61", "-1", "99999-01-01", "Europe/../etc"])
)
INJECTION = "Lunch\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:forged@example.org\r\nSUMMARY:Forged"


def _lead_and_group():
    """One group and lead for every example of a run (examples share the test's transaction)."""
    group = Group.objects.filter(slug="hostile-events").first() or GroupFactory(slug="hostile-events")
    lead = group.memberships.first().user if group.memberships.exists() else make_lead(group)
    return lead, group


@HYPOTHESIS
@given(title=hostile_text, place=hostile_text, start_date=odd_values, start_time=odd_values, zone=odd_values)
def test_event_form_answers_every_input_and_escapes_it(title, place, start_date, start_time, zone):
    lead, group = _lead_and_group()
    client = Client()
    client.force_login(lead)
    response = client.post(
        reverse("events:create", args=[group.slug]),
        {
            "title": title,
            "place": place,
            "start_date": start_date,
            "start_time": start_time,
            "end_time": "23:00",
            "time_zone": zone,
            "accessibility": title,
        },
    )
    # 400: a NUL character, refused for every form by sanctuary.middleware.
    assert response.status_code in (200, 302, 400)
    if response.status_code == 200:
        assert "<script>alert(1)</script>" not in response.text
        assert "<img src=x" not in response.text


@HYPOTHESIS
@given(nation=odd_values, region=odd_values, start=odd_values, until=odd_values, page=odd_values)
def test_whats_on_answers_any_filter(client, nation, region, start, until, page):
    response = client.get(
        reverse("events:whats_on"),
        {"nation": nation, "region": region, "starts_from": start, "starts_until": until, "page": page},
    )
    assert response.status_code in (200, 400)
    assert "<script>alert(1)</script>" not in response.text


def test_a_title_cannot_forge_calendar_lines(client_for):
    group = GroupFactory()
    lead = make_lead(group)
    from tests.events.factories import EventFactory

    EventFactory(
        group=group, title=INJECTION, place=INJECTION, description=INJECTION, accessibility=INJECTION
    )
    response = client_for(lead).get(reverse("events:group_calendar", args=[group.slug]))
    cal = icalendar.Calendar.from_ical(response.content)
    (event,) = cal.walk("VEVENT")
    assert "forged@example.org" not in str(event["UID"])
    assert (
        b"\r\nUID:forged" not in response.content
        and b"\r\nBEGIN:VEVENT\r\nUID:forged" not in response.content
    )
