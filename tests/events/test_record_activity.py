"""A past event becomes the group's activity record without retyping: the lead's dashboard
offers each event that has happened; the activity form arrives filled in from the event; an
event records at most one activity."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from events import services
from events.models import Event
from groups.models import Activity
from sanctuary.errors import Refused
from sanctuary.models import AuditEvent
from tests.events.factories import EventFactory, past_event
from tests.factories import GroupFactory, make_lead

pytestmark = pytest.mark.django_db

RECORD = {"kind": "event", "attendance": "40", "lived_experience": "12", "description": "It went well."}


def test_lead_dashboard_offers_the_events_that_have_happened_and_not_others(client_for):
    group = GroupFactory()
    lead = make_lead(group)
    done = past_event(group=group, title="Family football afternoon")
    EventFactory(group=group, title="Coming picnic")
    past_event(group=group, title="Rained off", status=Event.Status.CANCELLED)
    past_event(title="Someone else's walk")
    page = client_for(lead).get(reverse("dashboard")).text
    assert "Family football afternoon" in page
    assert reverse("events:record", args=[group.slug, done.pk]) in page
    for absent in ("Coming picnic", "Rained off", "Someone else's walk"):
        assert absent not in page


def test_the_activity_form_is_filled_in_from_the_event(client_for):
    group = GroupFactory()
    lead = make_lead(group)
    event = past_event(group=group, title="Family football afternoon", description="Games for all ages.")
    page = client_for(lead).get(reverse("events:record", args=[group.slug, event.pk])).text
    assert 'value="Family football afternoon"' in page
    assert "Games for all ages." in page
    assert f'value="{event.local_start.date().isoformat()}"' in page
    assert '<option value="event" selected>' in page


def test_recording_makes_one_activity_through_the_groups_service_and_the_prompt_goes(client_for):
    group = GroupFactory()
    lead = make_lead(group)
    event = past_event(group=group, title="Family football afternoon")
    client = client_for(lead)
    url = reverse("events:record", args=[group.slug, event.pk])
    data = {**RECORD, "title": event.title, "date": event.local_start.date().isoformat()}
    assert client.post(url, data).status_code == 302
    activity = Activity.objects.get()
    assert (activity.group, activity.title, activity.attendance, activity.lived_experience) == (
        group,
        "Family football afternoon",
        40,
        12,
    )
    assert activity.created_by == lead
    event.refresh_from_db()
    assert event.activity == activity and event.activity_recorded_at is not None
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"groups.activity_recorded", "events.event_activity_recorded"} <= actions
    # A second post (a double click, a second lead) records nothing more.
    client.post(url, data)
    assert Activity.objects.count() == 1
    assert event.title not in client.get(reverse("dashboard")).text
    # The activity shows among the group's recent activities.
    assert "Family football afternoon" in client.get(reverse("groups:detail", args=[group.slug])).text


def test_an_event_that_has_not_ended_or_was_cancelled_cannot_be_recorded():
    group = GroupFactory()
    lead = make_lead(group)
    for event in (EventFactory(group=group), past_event(group=group, status=Event.Status.CANCELLED)):
        with pytest.raises(Refused):
            services.event_activity_record(
                event=event, actor=lead, data={"date": timezone.localdate(), "kind": "event", "title": "x"}
            )
    assert not Activity.objects.exists()


def test_a_form_error_keeps_the_event_unrecorded(client_for):
    group = GroupFactory()
    lead = make_lead(group)
    event = past_event(group=group)
    response = client_for(lead).post(
        reverse("events:record", args=[group.slug, event.pk]),
        {**RECORD, "title": event.title, "date": event.local_start.date().isoformat(), "attendance": "5"},
    )
    assert "This cannot be more than the number of people attending." in response.text
    event.refresh_from_db()
    assert event.activity_recorded_at is None and not Activity.objects.exists()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_leads_recording_at_once_make_one_activity():
    group = GroupFactory()
    leads = [make_lead(group), make_lead(group)]
    starts = timezone.now() - dt.timedelta(days=2)
    event = EventFactory(group=group, starts_at=starts, ends_at=starts + dt.timedelta(hours=1))
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def record(lead):
        try:
            barrier.wait()
            services.event_activity_record(
                event=event, actor=lead, data={"date": starts.date(), "kind": "event", "title": event.title}
            )
            outcomes.append("recorded")
        except Refused:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=record, args=(lead,)) for lead in leads]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)
    assert sorted(outcomes) == ["recorded", "refused"]
    assert Activity.objects.filter(group=group).count() == 1
