"""Welsh pages pass the same accessibility checks as English ones (issue 19), on a desktop and
on a phone, and the header's chooser switches language without JavaScript."""

from __future__ import annotations

import pytest

from tests.browser.conftest import assert_accessible, sign_in
from tests.factories import TEST_PASSWORD, UserFactory
from tests.sanctuary.test_privacy_and_accessibility import seed_first_notice

pytestmark = pytest.mark.django_db(transaction=True)

WELSH_PAGES = ("/cy/", "/cy/groups/", "/cy/accounts/login/", "/cy/privacy/", "/cy/no-such-page/")


@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_welsh_pages_have_no_accessibility_violations(page, phone_page, size):
    seed_first_notice()
    tab = page if size == "desktop" else phone_page
    for path in WELSH_PAGES:
        tab.goto(path)
        assert tab.locator("html").get_attribute("lang") == "cy", path
        assert tab.locator("h1").count() == 1, path
        assert_accessible(tab)


def test_a_visitor_switches_to_welsh_and_back_without_javascript(browser, live_server):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    tab = context.new_page()
    tab.goto("/groups/")
    tab.get_by_role("link", name="Cymraeg").click()
    tab.wait_for_url("**/cy/groups/")
    assert tab.locator("html").get_attribute("lang") == "cy"
    assert tab.get_by_role("link", name="Neidio i\u2019r prif gynnwys").count() == 1
    tab.get_by_role("link", name="English").click()
    tab.wait_for_url(lambda url: url.endswith("/groups/") and "/cy/" not in url)
    assert tab.locator("html").get_attribute("lang") == "en-gb"
    context.close()


def test_a_signed_in_person_switches_to_welsh_and_their_account_remembers(page):
    person = UserFactory()
    sign_in(page, person.email, TEST_PASSWORD)
    page.goto("/groups/")
    page.get_by_role("button", name="Cymraeg").click()
    page.wait_for_url("**/cy/groups/")
    assert page.locator("html").get_attribute("lang") == "cy"
    assert_accessible(page)
    person.refresh_from_db()
    assert person.preferred_language == "cy"
