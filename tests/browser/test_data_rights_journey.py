"""Journey: a supporter signs the charter and confirms by the emailed link, downloads their
data, withdraws the signature and deletes their account (issue 18). Every page is checked
with axe-core."""

from __future__ import annotations

import json
import re

import pytest

from groups.models import CharterSignature, CharterVersion
from sanctuary.models import User
from tests.browser.conftest import assert_accessible, link_in_last_email, sign_in
from tests.factories import TEST_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)

EMAIL = "sam.rights@example.org"


def _reauthenticate_if_asked(page) -> None:
    if "/reauthenticate/" in page.url:
        assert_accessible(page)
        page.get_by_label(re.compile(r"^\s*Password\W*$")).fill(TEST_PASSWORD)
        page.get_by_role("button", name="Confirm").click()


def test_a_supporter_signs_downloads_their_data_withdraws_and_deletes_their_account(page, mailoutbox):
    CharterVersion.objects.create(number=1, title="Our charter", text="We welcome people seeking sanctuary.")
    person = UserFactory(email=EMAIL, display_name="Sam Rights")
    sign_in(page, EMAIL, TEST_PASSWORD)

    # Sign the charter and confirm by the emailed link.
    page.goto("/charter/")
    page.get_by_label("Your name").fill("Sam Rights")
    page.get_by_label("Email address").fill(EMAIL)
    page.get_by_label("Postcode or town").fill("Riverton")
    page.get_by_label("I support the City of Sanctuary charter").check()
    page.get_by_label("Show my name as a supporter").check()
    page.get_by_role("button", name="Sign the charter").click()
    page.wait_for_url("**/charter/thanks/")
    page.goto(link_in_last_email(mailoutbox, r"https?://\S+/charter/confirm/\S+"))
    page.get_by_role("button", name="Confirm my signature").click()
    page.wait_for_url("**/charter/")
    assert CharterSignature.objects.get(email=EMAIL).is_confirmed

    # Their data: readable, then downloaded (after entering the password again).
    page.goto("/dashboard/")
    page.get_by_role("link", name="Your data").click()
    page.wait_for_url("**/account/my-data/")
    assert_accessible(page)
    assert "Riverton" in page.content() and EMAIL in page.content()
    page.get_by_role("link", name="Download all of it (JSON file)").click()
    page.wait_for_url("**/reauthenticate/**")
    assert_accessible(page)
    page.get_by_label(re.compile(r"^\s*Password\W*$")).fill(TEST_PASSWORD)
    with page.expect_download() as download:
        page.get_by_role("button", name="Confirm").click()
    data = json.loads(open(download.value.path(), encoding="utf-8").read())  # noqa: SIM115
    (signature,) = data["sections"]["groups"]["records"]["Charter signature"]
    assert signature["Postcode or town"] == "Riverton" and signature["Show my name publicly"] is True

    # Withdraw the signature from the data page: asked first, then deleted.
    page.goto("/account/my-data/")
    page.get_by_role("link", name="Withdraw or change your charter signature").click()
    assert_accessible(page)
    page.get_by_role("button", name="Withdraw my signature").click()
    assert_accessible(page)
    assert CharterSignature.objects.filter(email=EMAIL).exists()
    page.get_by_role("button", name="Yes, withdraw and delete it").click()
    page.wait_for_url("**/account/my-data/")
    assert "Withdrawn" in page.content()
    assert not CharterSignature.objects.filter(email=EMAIL).exists()

    # Delete the account: what happens is explained, asked again, then done and signed out.
    page.get_by_role("link", name="Delete my account").click()
    _reauthenticate_if_asked(page)
    page.wait_for_url("**/account/delete/")
    assert_accessible(page)
    page.get_by_role("button", name="Delete my account").click()
    assert_accessible(page)
    page.get_by_role("button", name="Yes, delete my account").click()
    page.wait_for_selector("text=Your account has been deleted.")
    assert "Your account has been deleted." in page.content()
    assert_accessible(page)
    person.refresh_from_db()
    assert not person.is_active and person.email != EMAIL
    assert not User.objects.filter(email=EMAIL).exists()
