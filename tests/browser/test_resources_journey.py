"""The resource library in a browser: a visitor searches the library and opens a resource; staff
add one through the curation form and see it flagged when its review date has passed. Every page
visited passes the axe checks, on a desktop and on a phone."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from resources import services
from resources.models import Resource
from sanctuary.models import Role
from tests.awards.factories import make_stream
from tests.browser.conftest import assert_accessible, sign_in, staff_with_totp
from tests.factories import TEST_PASSWORD
from tests.resources.factories import TopicFactory, make_resource

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_a_visitor_finds_a_resource_in_the_library(page, phone_page, size, national_staff):
    tab = page if size == "desktop" else phone_page
    stream, topic = make_stream(name="Schools"), TopicFactory(name="Welcome")
    make_resource(national_staff, title="Classroom welcome plan", streams=[stream], topics=[topic])
    make_resource(national_staff, title="Library shelf ideas")
    tab.goto("/resources/")
    assert_accessible(tab)
    tab.get_by_role("searchbox", name="Search").fill("classroom")
    tab.get_by_role("button", name="Search").click()
    tab.wait_for_url("**/resources/?*")
    assert tab.get_by_role("link", name="Classroom welcome plan").is_visible()
    assert tab.get_by_role("link", name="Library shelf ideas").count() == 0
    assert_accessible(tab)
    tab.get_by_role("link", name="Classroom welcome plan").click()
    assert tab.locator("h1").inner_text() == "Classroom welcome plan"
    assert_accessible(tab)


def test_staff_add_a_resource_and_see_review_dates(page, national_staff):
    staff, secret = staff_with_totp(Role.NATIONAL_STAFF)
    stream = make_stream(name="Libraries")
    old = make_resource(national_staff, title="Stale leaflet")
    services.resource_update(
        resource=old, actor=national_staff, data={"review_by": timezone.localdate() - dt.timedelta(days=3)}
    )
    sign_in(page, staff.email, TEST_PASSWORD, totp_secret=secret)
    page.goto("/resources/staff/")
    assert page.get_by_text("review due").is_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Add a resource").click()
    assert_accessible(page)
    page.get_by_role("button", name="Save").click()  # nothing filled in: errors beside the fields
    assert page.locator("[data-error-summary]").is_visible()
    assert_accessible(page)
    page.get_by_label("Title").fill("Reading group starter")
    page.get_by_label("Summary").fill("How to start a reading group with new neighbours.")
    page.get_by_label("Or a link to it").fill("https://example.org/reading")
    page.get_by_label("Libraries").check()
    page.get_by_label("Who can see it").select_option("members")
    page.get_by_label("Review by").fill("2027-09-30")
    page.get_by_role("button", name="Save").click()
    assert page.locator("h1").inner_text() == "Reading group starter"
    assert_accessible(page)
    resource = Resource.objects.get(title="Reading group starter")
    assert list(resource.streams.all()) == [stream] and resource.audience == "members"
