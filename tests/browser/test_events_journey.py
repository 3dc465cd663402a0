"""Journey: a group lead publishes an event, a visitor finds it in What's on and on its own
page, the lead cancels another after confirming, and records a past one as an activity from
the dashboard. axe-core checks every page on the way."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import timezone

from events.models import Event
from groups.models import Activity
from tests.browser.conftest import assert_accessible, sign_in
from tests.events.factories import EventFactory, past_event
from tests.factories import TEST_PASSWORD, GroupFactory, make_lead

pytestmark = pytest.mark.django_db(transaction=True)


def test_lead_publishes_cancels_and_records_events_and_visitors_find_them(new_page):
    group = GroupFactory(name="Riverton City of Sanctuary", slug="riverton")
    lead = make_lead(group, email="sam@example.org")
    to_cancel = EventFactory(group=group, title="Coffee morning")
    happened = past_event(group=group, title="Family football afternoon")

    page = new_page()
    sign_in(page, lead.email, TEST_PASSWORD)
    page.goto("/groups/riverton/manage/")
    page.get_by_role("link", name="Publish events").click()
    assert_accessible(page)
    page.get_by_role("link", name="Publish an event").click()
    assert_accessible(page)

    # An empty form: the summary names each problem and links to its field.
    page.get_by_role("button", name="Publish").click()
    assert page.locator("[data-error-summary]").count() == 1
    assert_accessible(page)

    day = timezone.localdate() + dt.timedelta(days=12)
    page.get_by_label(re.compile(r"^\s*Title")).fill("Shared lunch at the hall")
    page.get_by_label(re.compile(r"^\s*Date")).fill(day.isoformat())
    page.get_by_label(re.compile(r"^\s*Starts at")).fill("12:30")
    page.get_by_label(re.compile(r"^\s*Ends at")).fill("14:30")
    page.get_by_label(re.compile(r"^\s*Address")).fill("St Mark's Hall, Mill Lane, Riverton")
    page.get_by_label(re.compile(r"^\s*Accessibility")).fill("Step-free entrance and a hearing loop.")
    page.get_by_role("button", name="Publish").click()
    summary = page.locator("[data-error-summary]")
    assert summary.count() == 0, summary.inner_text()
    event = Event.objects.get(title="Shared lunch at the hall")
    assert event.local_start.hour == 12 and event.local_start.minute == 30
    assert "Step-free entrance and a hearing loop." in page.content()
    assert_accessible(page)

    visitor = new_page()
    visitor.goto("/events/")
    assert_accessible(visitor)
    visitor.get_by_label("Region").select_option(group.region)
    visitor.get_by_role("button", name="Show events").click()
    visitor.get_by_role("link", name="Shared lunch at the hall").click()
    assert "12:30" in visitor.content()
    assert_accessible(visitor)
    visitor.goto("/groups/riverton/")
    assert "Shared lunch at the hall" in visitor.content()
    assert_accessible(visitor)

    # Cancelling asks first; going back changes nothing.
    page.goto("/groups/riverton/manage/events/")
    page.get_by_role("button", name="Cancel the event Coffee morning").click()
    assert_accessible(page)
    page.get_by_role("link", name="No, keep it").click()
    to_cancel.refresh_from_db()
    assert to_cancel.status == Event.Status.SCHEDULED
    page.get_by_role("button", name="Cancel the event Coffee morning").click()
    page.get_by_role("button", name="Yes, cancel the event").click()
    to_cancel.refresh_from_db()
    assert to_cancel.status == Event.Status.CANCELLED

    page.goto("/dashboard/")
    page.get_by_role("link", name="Record as an activity Family football afternoon").click()
    assert_accessible(page)
    page.get_by_label(re.compile(r"^\s*People attending")).fill("35")
    page.get_by_label(re.compile(r"^\s*People with lived experience")).fill("9")
    page.get_by_role("button", name="Record the activity").click()
    activity = Activity.objects.get(group=group)
    assert (activity.title, activity.attendance, activity.kind) == ("Family football afternoon", 35, "event")
    happened.refresh_from_db()
    assert happened.activity == activity
