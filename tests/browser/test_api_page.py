"""The page that explains the public JSON API passes the accessibility checks, on a desktop and on
a phone, and its links lead to the document and to a list a person can read in the browser."""

from __future__ import annotations

import json

import pytest

from tests.browser.conftest import assert_accessible
from tests.factories import GroupFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_the_api_page_has_no_accessibility_violations(page, phone_page, size):
    tab = page if size == "desktop" else phone_page
    tab.goto("/api/")
    assert tab.locator("h1").count() == 1
    assert_accessible(tab)


def test_the_api_page_links_to_its_document_and_to_live_lists(page):
    GroupFactory(name="Abertawe Sanctuary", slug="abertawe", nation="wales", region="wales")
    page.goto("/api/")
    page.get_by_role("link", name="OpenAPI 3.1 document").click()
    document = json.loads(page.locator("body").inner_text())
    assert document["openapi"] == "3.1.0"
    page.goto("/api/")
    page.get_by_role("link", name="/groups/?nation=wales").click()
    listing = json.loads(page.locator("body").inner_text())
    assert [group["slug"] for group in listing["results"]] == ["abertawe"]
