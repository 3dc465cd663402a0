"""Browser journeys: Playwright drives Debian's Chromium against a live server on loopback.

Emails are read from Django's test outbox (the live server runs in this process), so a
journey follows links the way a person would. Every page a journey visits can be checked
with axe-core for WCAG 2.2 A/AA violations through :func:`assert_accessible`.
"""

from __future__ import annotations

import os
import re
import shutil

import pytest
from axe_playwright_python.sync_playwright import Axe

# Playwright's sync API runs an event loop in this thread; the ORM calls the tests make
# themselves (reading the outbox, checking rows) are still plain synchronous code.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH", shutil.which("chromium") or "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
PHONE = {"width": 390, "height": 844}
# Only violations are reported in detail: passes and inapplicable rules are counted but not
# described node by node, which is most of axe's time on a long page.
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}

_axe = Axe()


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not os.path.exists(CHROMIUM):
        reason = f"Chromium not found at {CHROMIUM}: install Debian's chromium package"
        if os.environ.get("REQUIRE_SERVICES") == "1":
            pytest.fail(reason)
        pytest.skip(reason)
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15_000)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def phone_page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, viewport=PHONE, is_mobile=True, has_touch=True)
    context.set_default_timeout(15_000)
    page = context.new_page()
    yield page
    context.close()


# What axe reports when the document it is checking is replaced under it: a click that
# navigates returns before the next page has loaded, and the old page goes away mid-check.
_NAVIGATED_AWAY = ("Execution context was destroyed", "reading 'documentElement'", "navigation")


def _run_axe(page):
    from playwright.sync_api import Error as PlaywrightError

    attempts = 3
    for attempt in range(1, attempts + 1):
        page.wait_for_load_state("load")
        try:
            return _axe.run(page, options=AXE_OPTIONS)
        except PlaywrightError as error:
            navigated_away = any(sign in str(error) for sign in _NAVIGATED_AWAY)
            if not navigated_away or attempt == attempts:
                raise


def assert_accessible(page) -> None:
    """No WCAG 2.2 A/AA violation on the page as it is now (once it has finished loading)."""
    results = _run_axe(page)
    violations = results.response["violations"]
    summary = [
        f"{v['id']} ({v['impact']}): {v['help']} -> {[n['target'] for n in v['nodes']][:3]}"
        for v in violations
    ]
    assert not violations, f"{page.url}:\n" + "\n".join(summary)


def link_in_last_email(mailoutbox, pattern: str = r"https?://\S+") -> str:
    """The first link in the newest email, made relative so it opens on the live server."""
    body = mailoutbox[-1].body
    url = re.search(pattern, body)[0]
    return re.sub(r"^https?://[^/]+", "", url)


def totp_code(secret: str, step: int = 0) -> str:
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value, yield_hotp_counters_from_time

    counter = list(yield_hotp_counters_from_time())[1] + step
    return format_hotp_value(hotp_value(secret, counter))


def sign_in(page, email: str, password: str, *, totp_secret: str | None = None, step: int = 0) -> None:
    """Sign in through the login page, answering the one-time code prompt when there is one."""
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label(re.compile(r"^\s*Password\W*$")).fill(password)
    page.get_by_role("button", name="Sign In").click()
    if totp_secret:
        page.wait_for_url("**/accounts/2fa/authenticate/")
        page.get_by_label("Code").fill(totp_code(totp_secret, step))
        page.get_by_role("button", name="Sign In").click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url and "/2fa/authenticate/" not in url)


@pytest.fixture
def new_page(browser, live_server):
    """Open a page in a fresh browser (its own cookies), for journeys with several people."""
    contexts = []

    def make(*, phone: bool = False):
        viewport = PHONE if phone else {"width": 1280, "height": 900}
        context = browser.new_context(base_url=live_server.url, viewport=viewport, is_mobile=phone)
        context.set_default_timeout(15_000)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


def staff_with_totp(role: str, **kwargs):
    """A staff user and their TOTP secret, so the journey can answer the code prompt."""
    from sanctuary.models import RoleAssignment
    from tests.factories import UserFactory, give_totp

    user = UserFactory(**kwargs)
    RoleAssignment.objects.create(user=user, role=role)
    return user, give_totp(user)


def tab_to(page, element_id: str, *, limit: int = 80) -> list[str]:
    """Press Tab until the element with ``element_id`` has focus; return the ids passed.

    Fails if it is never reached, or if the focused element shows no visible focus ring.
    """
    seen: list[str] = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(
            "() => { const e = document.activeElement;"
            " return {id: e.id, outline: getComputedStyle(e).outlineStyle,"
            " shadow: getComputedStyle(e).boxShadow}; }"
        )
        seen.append(focused["id"])
        if focused["id"] == element_id:
            ring = focused["outline"] != "none" or focused["shadow"] != "none"
            assert ring, f"no focus ring on {element_id}"
            return seen
    raise AssertionError(f"Tab never reached #{element_id}; passed {seen}")
