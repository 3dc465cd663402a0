"""The restyled pages on a desktop and on a phone: no WCAG 2.2 A/AA violation, every kind of
visitor finds their way from the home page, and the phone menu folds behind a button."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from tests.browser.conftest import assert_accessible, sign_in, staff_with_totp
from tests.factories import TEST_PASSWORD, GroupFactory
from tests.returnees.factories import monitored_case

pytestmark = pytest.mark.django_db(transaction=True)

ROUTES = {
    "Find a group": "/groups/",
    "Sign the charter": "/charter/",
    "Sanctuary Awards": "/awards/",
    "Local Authority Network": "/la-network/",
    "Campaigns": "/campaigns/",
}


@pytest.mark.parametrize("phone", [False, True], ids=["desktop", "phone"])
def test_home_directory_and_register_have_no_accessibility_violations(new_page, phone):
    GroupFactory.create_batch(3)
    page = new_page(phone=phone)
    for path in ("/", "/groups/", "/la-network/"):
        page.goto(path)
        assert page.locator("h1").count() == 1, path
        assert_accessible(page)
    page.goto("/")
    main = page.locator("main")
    for name, path in ROUTES.items():
        link = main.locator(".routes").get_by_role("link", name=name, exact=True)
        assert link.is_visible(), name
        assert link.get_attribute("href") == path
    assert main.get_by_text("The network today").is_visible()
    assert page.get_by_role("link", name="City of Sanctuary").first.get_attribute("href") == "/"


def test_on_a_phone_the_menu_folds_behind_a_button_that_opens_it(new_page):
    page = new_page(phone=True)
    page.goto("/")
    header_link = page.locator("header").get_by_role("link", name="Groups", exact=True)
    menu = page.get_by_role("button", name="Menu")
    assert menu.get_attribute("aria-expanded") == "false"
    assert not header_link.is_visible()
    menu.click()
    assert menu.get_attribute("aria-expanded") == "true"
    assert header_link.is_visible()
    assert_accessible(page)
    header_link.click()
    page.wait_for_url("**/groups/")

    desktop = new_page()
    desktop.goto("/")
    assert not desktop.get_by_role("button", name="Menu").is_visible()
    assert desktop.locator("header").get_by_role("link", name="Groups", exact=True).is_visible()


def test_without_javascript_the_phone_menu_stays_open(browser, live_server):
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": 390, "height": 844}, java_script_enabled=False
    )
    page = context.new_page()
    page.goto("/")
    assert page.locator("header").get_by_role("link", name="Groups", exact=True).is_visible()
    assert not page.get_by_role("button", name="Menu").is_visible()
    context.close()


@pytest.mark.parametrize("phone", [False, True], ids=["desktop", "phone"])
def test_the_guardians_check_in_page_has_no_accessibility_violations(new_page, phone):
    guardian, secret = staff_with_totp("guardian", email=f"guardian-{int(phone)}@example.org")
    case = monitored_case(guardians=[guardian], started_at=timezone.now() - dt.timedelta(days=2))
    page = new_page(phone=phone)
    sign_in(page, guardian.email, TEST_PASSWORD, totp_secret=secret)
    page.goto(f"/returnees/cases/{case.reference}/check-ins/new/")
    assert page.get_by_role("heading", name="Record a check-in").is_visible()
    assert_accessible(page)
