"""Every event action from every state (the table in events.workflow), the Atom feed, the
sitemap and the demo data."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Callable

import pytest
from django.urls import reverse
from django.utils import timezone

from events import demo as events_demo
from events import services
from events.models import Event
from events.workflow import CANCELLED, ENDED, EVENT, RECORDED, SCHEDULED
from groups import demo as groups_demo
from groups.models import Activity
from sanctuary import demo
from sanctuary.errors import Refused
from tests.events.factories import EventFactory, past_event
from tests.factories import GroupFactory, make_lead

pytestmark = pytest.mark.django_db


def _recorded(group, lead) -> Event:
    event = past_event(group=group)
    services.event_activity_record(
        event=event, actor=lead, data={"date": timezone.localdate(), "kind": "event", "title": event.title}
    )
    return Event.objects.get(pk=event.pk)


STATES: dict[str, Callable] = {
    SCHEDULED: lambda group, lead: EventFactory(group=group),
    ENDED: lambda group, lead: past_event(group=group),
    RECORDED: _recorded,
    CANCELLED: lambda group, lead: EventFactory(group=group, status=Event.Status.CANCELLED),
}
ACTIONS: dict[str, Callable] = {
    "update": lambda event, lead: services.event_update(event=event, actor=lead, data={"title": "New title"}),
    "cancel": lambda event, lead: services.event_cancel(event=event, actor=lead),
    "record_activity": lambda event, lead: services.event_activity_record(
        event=event, actor=lead, data={"date": timezone.localdate(), "kind": "event", "title": "Done"}
    ),
}


def test_every_state_and_action_has_a_row():
    assert set(STATES) == set(EVENT.states) and set(ACTIONS) == set(EVENT.actions)


@pytest.mark.parametrize("action", sorted(ACTIONS))
@pytest.mark.parametrize("state", sorted(STATES))
def test_each_action_is_taken_only_from_the_states_that_allow_it(state, action):
    group = GroupFactory()
    lead = make_lead(group)
    event = STATES[state](group, lead)
    assert EVENT.state_of(event) == state
    activities = Activity.objects.count()
    if EVENT.allowed(event, action):
        ACTIONS[action](event, lead)
    else:
        before = Event.objects.get(pk=event.pk)
        with pytest.raises(Refused) as refused:
            ACTIONS[action](event, lead)
        assert refused.value.text
        after = Event.objects.get(pk=event.pk)
        assert (after.title, after.status, after.sequence) == (before.title, before.status, before.sequence)
        assert Activity.objects.count() == activities


def test_atom_feed_lists_coming_events_newest_first(client):
    EventFactory(title="First published")
    EventFactory(title="Then this one")
    past_event(title="Long over")
    response = client.get(reverse("feed", args=["events"]))
    assert response.status_code == 200 and response["Content-Type"].startswith("application/atom+xml")
    atom = "{http://www.w3.org/2005/Atom}"
    root = ET.fromstring(response.content)  # noqa: S314  (the platform's own response)
    titles = [entry.find(f"{atom}title").text for entry in root.findall(f"{atom}entry")]
    assert titles == ["Then this one", "First published"]
    assert 'href="/feeds/events.atom"' in client.get(reverse("events:whats_on")).text


def test_sitemap_lists_whats_on_and_coming_event_pages(client, settings):
    settings.SITE_URL = "https://sanctuary.example.org"
    coming, over = EventFactory(), past_event()
    body = client.get(reverse("sitemap")).text
    assert "https://sanctuary.example.org/events/</loc>" in body
    assert f"https://sanctuary.example.org/events/{coming.pk}/</loc>" in body
    assert f"/events/{over.pk}/</loc>" not in body


def test_header_links_to_whats_on(client):
    assert f'href="{reverse("events:whats_on")}"' in client.get(reverse("home")).text


def test_demo_seed_has_coming_cancelled_and_past_events_and_is_idempotent():
    ctx = demo.DemoContext()
    demo.seed(ctx)
    groups_demo.seed(ctx)
    events_demo.seed(ctx)
    count = Event.objects.count()
    events_demo.seed(ctx)
    assert Event.objects.count() == count == len(events_demo.EVENTS)
    now = timezone.now()
    assert Event.objects.filter(starts_at__gt=now, status="scheduled").count() >= 3
    assert Event.objects.filter(status="cancelled").exists()
    lead = ctx.users["lead1"]
    from events.selectors import events_to_record

    assert [e.title for e in events_to_record(lead)] == ["Family football afternoon"]
