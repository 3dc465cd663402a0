"""Journey 7: a guardian on a phone sees what is due and twice records that they could not
reach the person; the coordinator sees the escalation, acknowledges it and resolves it."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import timezone

from returnees.models import Escalation
from tests.browser.conftest import assert_accessible, sign_in, staff_with_totp
from tests.factories import TEST_PASSWORD
from tests.returnees.factories import monitored_case

pytestmark = pytest.mark.django_db(transaction=True)


def _record_not_reached(page, reference: str, when: dt.datetime) -> None:
    page.goto("/returnees/")
    page.get_by_role("link", name="Record a check-in").first.click()
    page.wait_for_url(f"**/cases/{reference}/check-ins/new/")
    page.wait_for_load_state()
    assert reference in page.content()
    assert_accessible(page)
    page.get_by_label("When").fill(timezone.localtime(when).strftime("%Y-%m-%dT%H:%M"))
    page.get_by_label(re.compile(r"^\s*How\W*$")).select_option(index=1)
    page.get_by_role("radio", name="No", exact=True).check()
    page.get_by_label("Could not reach").check()
    page.get_by_role("button", name="Save check-in").click()
    summary = page.locator("[data-error-summary]")
    assert summary.count() == 0, summary.inner_text()


def test_guardian_records_two_failed_attempts_and_the_coordinator_resolves_the_escalation(new_page):
    guardian, guardian_secret = staff_with_totp("guardian", email="owen@example.org")
    coordinator, coordinator_secret = staff_with_totp("safeguarding_coordinator", email="priya@example.org")
    case = monitored_case(guardians=[guardian], started_at=timezone.now() - dt.timedelta(days=2))

    phone = new_page(phone=True)
    sign_in(phone, guardian.email, TEST_PASSWORD, totp_secret=guardian_secret)
    phone.goto("/returnees/")
    assert_accessible(phone)
    assert case.reference in phone.content()
    _record_not_reached(phone, case.reference, timezone.now() - dt.timedelta(hours=3))
    _record_not_reached(phone, case.reference, timezone.now() - dt.timedelta(minutes=5))
    escalation = Escalation.objects.get(case=case)
    assert escalation.reason == Escalation.Reason.FAILED_ATTEMPTS

    desk = new_page()
    sign_in(desk, coordinator.email, TEST_PASSWORD, totp_secret=coordinator_secret)
    desk.goto("/returnees/")
    assert_accessible(desk)
    desk.get_by_role("link", name=case.reference).first.click()
    assert_accessible(desk)
    desk.get_by_role("link", name="Acknowledge").click()
    if "/reauthenticate/" in desk.url:
        desk.get_by_label("Password").fill(TEST_PASSWORD)
        desk.get_by_role("button", name="Confirm").click()
    assert_accessible(desk)
    desk.get_by_label("Notes").fill("Calling the in-country contact now.")
    desk.get_by_role("button", name="Acknowledge").click()
    desk.get_by_role("link", name="Resolve").click()
    desk.get_by_label("Notes").fill("Reached through the contact: safe, phone was lost.")
    desk.get_by_role("button", name="Resolve").click()
    escalation.refresh_from_db()
    assert escalation.status == Escalation.Status.RESOLVED


def test_a_guardian_completes_the_check_in_form_with_the_keyboard_alone(new_page):
    from returnees.models import CheckIn
    from tests.browser.conftest import tab_to

    guardian, secret = staff_with_totp("guardian", email="leila@example.org")
    case = monitored_case(guardians=[guardian], started_at=timezone.now() - dt.timedelta(days=2))
    page = new_page(phone=True)
    sign_in(page, guardian.email, TEST_PASSWORD, totp_secret=secret)
    page.goto(f"/returnees/cases/{case.reference}/check-ins/new/")

    # Sending it without the required answers: the error summary takes focus.
    tab_to(page, "id_follow_up")
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.type") == "submit"
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.hasAttribute('data-error-summary')")
    assert_accessible(page)

    order = []
    for field in ("id_occurred_at", "id_channel", "id_reached_0", "id_wellbeing_0", "id_notes"):
        order.append([i for i in tab_to(page, field, limit=12) if i][-1])
        if field == "id_channel":
            page.keyboard.press("ArrowDown")  # nothing is chosen for them: the first real channel
        if field in ("id_reached_0", "id_wellbeing_0"):
            page.keyboard.press("Space")  # Yes, reached; Safe
        if field == "id_notes":
            page.keyboard.type("Settled with family; phone works.")
    assert order == ["id_occurred_at", "id_channel", "id_reached_0", "id_wellbeing_0", "id_notes"]
    tab_to(page, "id_follow_up")
    page.keyboard.press("Tab")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    check_in = CheckIn.objects.get(case=case)
    assert check_in.reached is True
    assert check_in.wellbeing == CheckIn.Wellbeing.SAFE
    assert check_in.channel == CheckIn._meta.get_field("channel").choices[0][0]
