"""The statements and the pages nobody plans to land on pass the same accessibility checks as
the journeys: the privacy notice, the accessibility statement, a page that is not there, and the
page an unsubscribe link opens, on a desktop and on a phone."""

from __future__ import annotations

import pytest

from sanctuary.unsubscribe import unsubscribe_token
from tests.browser.conftest import assert_accessible
from tests.factories import UserFactory
from tests.sanctuary.test_privacy_and_accessibility import seed_first_notice

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_trust_pages_have_no_accessibility_violations(page, phone_page, size):
    seed_first_notice()
    person = UserFactory()
    tab = page if size == "desktop" else phone_page
    for path in (
        "/privacy/",
        "/accessibility/",
        "/no-such-page/",
        f"/unsubscribe/{unsubscribe_token(user_id=person.pk, topic='groups.weekly_digest')}/",
    ):
        tab.goto(path)
        assert tab.locator("h1").count() == 1, path
        assert_accessible(tab)
    tab.goto("/privacy/")
    assert tab.get_by_role("link", name="Accessibility statement").first.is_visible()
