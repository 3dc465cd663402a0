"""Journey 6: a supporter logs an MP letter on a phone, gets the follow-up two weeks later,
and records the reply."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.apps import apps
from playwright.sync_api import expect

from campaigns.models import Action
from tests.browser.conftest import assert_accessible, link_in_last_email, sign_in
from tests.factories import TEST_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def _campaign():
    from importlib import import_module

    # Transactional tests empty every table, including rows a data migration created.
    import_module("campaigns.migrations.0002_default_action_types").create_types(apps, None)
    from tests.campaigns.factories import CampaignFactory

    return CampaignFactory(title="Speak up for sanctuary", slug="speak-up")


def test_supporter_logs_an_mp_letter_on_a_phone_and_records_the_reply(phone_page, mailoutbox):
    page = phone_page
    _campaign()
    supporter = UserFactory(email="mia@example.org", display_name="Mia Evans")
    today = dt.date.today()

    sign_in(page, supporter.email, TEST_PASSWORD)
    page.goto("/campaigns/")
    assert_accessible(page)
    page.get_by_role("link", name="Speak up for sanctuary").first.click()
    assert_accessible(page)
    page.get_by_role("link", name="Log an action").click()
    assert_accessible(page)
    page.get_by_role("link", name="Write to your MP or a candidate").click()
    assert_accessible(page)

    page.get_by_label("Where: postcode district or town").fill("RV1")
    page.get_by_label("Nation or region").select_option(label="North West")
    page.get_by_label("MP or candidate's name").fill("Jo Member")
    page.get_by_label("Constituency").fill("Riverton North")
    page.get_by_label("Date sent").fill(today.isoformat())
    page.get_by_label("When did you do it?").fill("")
    page.get_by_role("button", name="Record my action").click()
    # The error is shown beside the field and summarised; what was typed is kept.
    assert "When did you do it?" in page.locator("[data-error-summary]").inner_text()
    assert page.get_by_label("Constituency").input_value() == "Riverton North"
    assert_accessible(page)
    page.get_by_label("When did you do it?").fill(today.isoformat())
    page.get_by_role("button", name="Record my action").click()
    summary = page.locator("[data-error-summary]")
    assert summary.count() == 0, summary.inner_text()
    assert "your action has been recorded" in page.content()
    assert_accessible(page)
    action = Action.objects.get(user=supporter)
    assert action.details["constituency"] == "Riverton North"

    from campaigns.tasks import follow_up_sweep

    with time_machine.travel(dt.datetime.now(dt.UTC) + dt.timedelta(days=15), tick=True):
        follow_up_sweep()
        assert "How did it go" in mailoutbox[-1].subject or "how did it go" in mailoutbox[-1].body.lower()
        link = link_in_last_email(mailoutbox, r"https?://\S+/campaigns/outcome/\S+")
        page.goto(link)
        if "/accounts/login/" in page.url:  # two weeks on, the session has ended
            sign_in(page, supporter.email, TEST_PASSWORD)
            page.goto(link)
        assert_accessible(page)
        page.get_by_label("Did you get a reply?").select_option(label="Yes")
        page.get_by_label("How did the reply read?").select_option(label="Supportive")
        page.get_by_role("button", name="Save the outcome").click()
        expect(page.locator("body")).to_contain_text("the outcome has been recorded")
    action.refresh_from_db()
    assert action.outcome["reply"] == "yes"
    assert action.outcome["stance"] == "supportive"


def test_staff_filter_the_campaign_figures_and_a_bad_range_is_explained(page):
    from tests.browser.conftest import staff_with_totp
    from tests.campaigns.factories import ActionFactory

    campaign = _campaign()
    ActionFactory(campaign=campaign, region="london", place="Camden")
    ActionFactory(campaign=campaign, region="wales", nation="wales", place="Cardiff")
    staff, secret = staff_with_totp("national_staff", email="nadia@example.org")

    sign_in(page, staff.email, TEST_PASSWORD, totp_secret=secret)
    page.goto("/campaigns/dashboard/")
    assert "2 actions logged" in page.content()
    assert_accessible(page)
    page.get_by_label("Nation or region").select_option(label="Wales")
    page.get_by_role("button", name="Show figures").click()
    expect(page.locator("body")).to_contain_text("1 action logged")
    assert page.get_by_label("Nation or region").input_value() == "wales"
    assert_accessible(page)
    page.get_by_label("From", exact=True).fill("2026-03-10")
    page.get_by_label("To", exact=True).fill("2026-03-01")
    page.get_by_role("button", name="Show figures").click()
    assert "end date is before the start date" in page.locator("[data-error-summary]").inner_text()
    assert page.get_by_label("To", exact=True).get_attribute("aria-invalid") == "true"
    assert page.get_by_label("From", exact=True).input_value() == "2026-03-10"
    assert_accessible(page)
