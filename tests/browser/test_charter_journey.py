"""Journey 1: sign the charter with the keyboard alone, confirm by the emailed link, and see
the count go up."""

from __future__ import annotations

import pytest

from groups.models import CharterSignature, CharterVersion
from tests.browser.conftest import assert_accessible, link_in_last_email, tab_to

pytestmark = pytest.mark.django_db(transaction=True)

FIELD_ORDER = [
    "id_name",
    "id_email",
    "id_place",
    "id_postcode",
    "id_region",
    "id_group",
    "id_agree",
    "id_consent_group_contact",
    "id_consent_public_name",
]


def _count(page) -> str:
    return page.locator("h2:has-text('Signatures so far') + p").inner_text().strip()


def test_sign_the_charter_by_keyboard_confirm_by_email_and_the_count_goes_up(page, mailoutbox):
    CharterVersion.objects.create(number=1, title="Our charter", text="We welcome people seeking sanctuary.")
    page.goto("/charter/")
    assert_accessible(page)
    assert _count(page) == "0"

    # A submit with nothing filled in: the error summary takes focus.
    tab_to(page, "id_name")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.wait_for_selector("[data-error-summary]")
    assert page.evaluate("() => document.activeElement.hasAttribute('data-error-summary')")
    assert_accessible(page)

    # Fields are reached in the order they are read, each with a visible focus ring.
    tab_to(page, "id_name")
    page.keyboard.type("Ada Keyboard")
    order = ["id_name"]
    for field in FIELD_ORDER[1:]:
        ids = [i for i in tab_to(page, field, limit=3) if i]
        order.append(ids[-1])
        if field == "id_email":
            page.keyboard.type("ada.keyboard@example.org")
        elif field == "id_place":
            page.keyboard.type("RV1 2AB")
        elif field in ("id_agree", "id_consent_public_name"):
            page.keyboard.press("Space")
    assert order == FIELD_ORDER
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.type") == "submit"
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert_accessible(page)
    assert CharterSignature.objects.get(email="ada.keyboard@example.org").confirmed_at is None

    page.goto(link_in_last_email(mailoutbox, r"https?://\S+/charter/\S+"))
    assert_accessible(page)
    page.get_by_role("button", name="Confirm my signature").click()
    assert CharterSignature.objects.get(email="ada.keyboard@example.org").confirmed_at is not None
    page.goto("/charter/")
    assert _count(page) == "1"
