"""Query counts of What's on, the calendar feeds, the group page's section and the lead's
pages, pinned at two data sizes: they must not grow with the number of events or groups."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.cache import cache
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from events.contributions import events_to_record, group_upcoming_events
from tests.events.factories import EventFactory, past_event
from tests.factories import GroupFactory, make_lead
from tests.helpers import page_queries, settle_session

pytestmark = pytest.mark.django_db


def grow(group, n: int) -> None:
    """``n`` coming events of ``group`` and of as many other groups, some cancelled, and past ones."""
    for i in range(n):
        EventFactory(group=group, starts_at=timezone.now() + dt.timedelta(days=i + 1))
        EventFactory(status="cancelled")
        past_event(group=group)


def test_whats_on_runs_two_queries_at_any_size(client):
    group = GroupFactory()
    url = reverse("events:whats_on")
    grow(group, 1)
    small = page_queries(client, url)
    grow(group, 30)  # more than a page
    assert page_queries(client, url) == small == 2  # the count and the page of events with their groups
    filtered = f"{url}?region=north_west&starts_from={timezone.localdate().isoformat()}"
    assert page_queries(client, filtered) == 2
    assert page_queries(client, f"{url}?page=2") == 2


@pytest.mark.parametrize("name", ["group", "network"])
def test_calendar_feeds_run_a_fixed_number_of_queries(client, name):
    group = GroupFactory()
    url = (
        reverse("events:group_calendar", args=[group.slug]) if name == "group" else reverse("events:calendar")
    )
    grow(group, 1)
    small = page_queries(client, url)
    grow(group, 25)
    assert page_queries(client, url) == small <= 2


def test_event_page_and_download_run_one_query_each(client):
    event = EventFactory()
    assert page_queries(client, reverse("events:detail", args=[event.pk])) == 1
    assert page_queries(client, reverse("events:detail_ics", args=[event.pk])) == 1


def test_group_page_section_is_read_from_the_cache_once_drawn(django_assert_num_queries):
    group = GroupFactory()
    grow(group, 2)
    cache.clear()
    with django_assert_num_queries(1):
        small = group_upcoming_events(group)
    with django_assert_num_queries(0):
        assert group_upcoming_events(group).context["events"] == small.context["events"]
    grow(group, 20)
    cache.clear()
    with django_assert_num_queries(1):
        assert len(group_upcoming_events(group).context["events"]) == 5


def test_group_page_queries_do_not_grow_with_its_events(client):
    group = GroupFactory()
    url = reverse("groups:detail", args=[group.slug])
    grow(group, 1)
    page_queries(client, url)
    small = page_queries(client, url)
    grow(group, 20)
    page_queries(client, url)
    assert page_queries(client, url) == small


def test_lead_dashboard_prompt_runs_one_query_at_any_size():
    group = GroupFactory()
    lead = make_lead(group)
    request = RequestFactory().get("/dashboard/")
    request.user = lead
    grow(group, 1)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as small:
        assert events_to_record(request) is not None
    grow(group, 15)
    with CaptureQueriesContext(connection) as large:
        assert len(events_to_record(request).context["events"]) == 10
    assert len(small) == len(large) == 1


def test_manage_page_queries_do_not_grow(client_for):
    group = GroupFactory()
    client = client_for(make_lead(group))
    settle_session(client)
    url = reverse("events:manage", args=[group.slug])
    grow(group, 1)
    small = page_queries(client, url)
    grow(group, 20)
    assert page_queries(client, url) == small
