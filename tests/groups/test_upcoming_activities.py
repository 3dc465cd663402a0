"""An activity dated after today is coming, not recent: the group's pages list it apart, and it
moves to "Recent activities" once its day has passed, although nothing about the group changed."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from groups.selectors import group_page_lists
from tests.factories import GroupFactory, make_lead
from tests.groups.factories import ActivityFactory

pytestmark = pytest.mark.django_db


def _sections(html: str) -> tuple[str, str]:
    """The text of the "Upcoming activities" section (empty when absent) and of "Recent activities"."""
    recent = html[html.index('id="activities-title"') :]
    recent = recent[: recent.index("</section>")]
    if 'id="upcoming-title"' not in html:
        return "", recent
    upcoming = html[html.index('id="upcoming-title"') :]
    return upcoming[: upcoming.index("</section>")], recent


def test_the_group_page_lists_a_future_activity_as_upcoming_and_a_past_one_as_recent(client):
    group = GroupFactory()
    today = timezone.localdate()
    ActivityFactory(group=group, title="Summer fair", date=today + dt.timedelta(days=10))
    ActivityFactory(group=group, title="Welcome picnic", date=today - dt.timedelta(days=2))
    upcoming, recent = _sections(client.get(reverse("groups:detail", args=[group.slug])).text)
    assert "Summer fair" in upcoming and "Welcome picnic" not in upcoming
    assert "Welcome picnic" in recent and "Summer fair" not in recent


def test_upcoming_activities_are_listed_soonest_first():
    group = GroupFactory()
    today = timezone.localdate()
    ActivityFactory(group=group, title="Later", date=today + dt.timedelta(days=30))
    ActivityFactory(group=group, title="Sooner", date=today + dt.timedelta(days=3))
    lists = group_page_lists(group, today=today)
    assert [a.title for a in lists["upcoming_activities"]] == ["Sooner", "Later"]
    assert lists["recent_activities"] == []


def test_a_page_without_upcoming_activities_has_no_empty_upcoming_section(client):
    group = GroupFactory()
    ActivityFactory(group=group, title="Welcome picnic")
    upcoming, recent = _sections(client.get(reverse("groups:detail", args=[group.slug])).text)
    assert upcoming == "" and "Welcome picnic" in recent


def test_an_upcoming_activity_becomes_recent_once_its_day_has_passed(client):
    group = GroupFactory()
    start = dt.datetime(2027, 3, 1, 10, tzinfo=dt.UTC)
    ActivityFactory(group=group, title="Summer fair", date=dt.date(2027, 3, 5))
    url = reverse("groups:detail", args=[group.slug])
    with time_machine.travel(start, tick=False):
        upcoming, recent = _sections(client.get(url).text)  # drawn and cached
        assert "Summer fair" in upcoming
    with time_machine.travel(start + dt.timedelta(days=5), tick=False):
        upcoming, recent = _sections(client.get(url).text)
        assert "Summer fair" in recent and upcoming == ""


def test_the_workspace_lists_upcoming_activities_apart_too(client_for):
    group = GroupFactory()
    today = timezone.localdate()
    ActivityFactory(group=group, title="Summer fair", date=today + dt.timedelta(days=10))
    ActivityFactory(group=group, title="Welcome picnic", date=today - dt.timedelta(days=2))
    html = client_for(make_lead(group)).get(reverse("groups:workspace", args=[group.slug])).text
    upcoming = html[html.index('id="upcoming-title"') : html.index('id="recent-title"')]
    recent = html[html.index('id="recent-title"') :]
    assert "Summer fair" in upcoming and "Welcome picnic" not in upcoming
    assert "Welcome picnic" in recent and "Summer fair" not in recent
