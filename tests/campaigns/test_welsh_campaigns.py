"""Campaigns in Welsh: a campaign's title, summary, body and pledge statement have Welsh values
staff may write, shown on Welsh pages and in Welsh emails; a campaign without them shows its
English there; English pages and the public feed keep the English."""

from __future__ import annotations

import datetime as dt
import re

import pytest
import time_machine
from django.urls import reverse
from django.utils import translation

from campaigns.admin import CampaignForm
from campaigns.models import Campaign
from campaigns.tasks import follow_up_sweep
from sanctuary.models import OutboundEmail
from tests.campaigns.factories import ActionFactory, CampaignFactory
from tests.helpers import get_in, queries_by_language
from tests.welsh import welsh  # noqa: F401 - fixture

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("welsh")]


def _welsh_campaign(**kwargs) -> Campaign:
    return CampaignFactory(
        title="A safe place",
        title_cy="Lle diogel",
        slug="a-safe-place",
        summary="Stand up for welcome.",
        summary_cy="Safwch dros groeso.",
        body="Why this matters now.",
        body_cy="Pam mae hyn yn bwysig nawr.",
        pledge_statement="I will speak up for welcome.",
        pledge_statement_cy="Byddaf yn siarad dros groeso.",
        pledge_principles="Safety for everyone.\nFair decisions.",
        pledge_principles_cy="Diogelwch i bawb.\nPenderfyniadau teg.",
        **kwargs,
    )


def test_the_welsh_campaign_page_shows_the_welsh_words(client):
    campaign = _welsh_campaign()
    page = get_in(client, "campaigns:detail", campaign.slug, language="cy").text
    assert "<h1>Lle diogel</h1>" in page
    assert "<title>Lle diogel" in page
    assert "Safwch dros groeso." in page
    assert "Pam mae hyn yn bwysig nawr." in page
    for english in ("A safe place", "Stand up for welcome.", "Why this matters now."):
        assert english not in page

    pledge = get_in(client, "campaigns:pledge", campaign.slug, language="cy").text
    assert "Byddaf yn siarad dros groeso." in pledge
    assert "Lle diogel" in pledge
    assert "I will speak up for welcome." not in pledge
    assert "<li>Diogelwch i bawb.</li><li>Penderfyniadau teg.</li>" in pledge
    assert "Safety for everyone." not in pledge


def test_the_english_campaign_pages_keep_the_english(client):
    campaign = _welsh_campaign()
    page = get_in(client, "campaigns:detail", campaign.slug, language="en-gb").text
    assert "<h1>A safe place</h1>" in page
    assert "Why this matters now." in page
    assert "Lle diogel" not in page
    assert "Pam mae" not in page
    pledge = get_in(client, "campaigns:pledge", campaign.slug, language="en-gb").text
    assert "I will speak up for welcome." in pledge
    assert "<li>Safety for everyone.</li><li>Fair decisions.</li>" in pledge
    assert "Byddaf" not in pledge and "Diogelwch" not in pledge
    index = get_in(client, "campaigns:index", language="en-gb").text
    assert "A safe place" in index
    assert "Lle diogel" not in index


def test_the_welsh_campaign_list_names_campaigns_in_welsh_or_else_english(client):
    _welsh_campaign()
    CampaignFactory(title="Welcome week", summary="A week of open doors.")
    index = get_in(client, "campaigns:index", language="cy").text
    assert ">Lle diogel</a>" in index
    assert "Safwch dros groeso." in index
    assert "A safe place" not in index
    # No Welsh written: the English is shown.
    assert ">Welcome week</a>" in index
    assert "A week of open doors." in index


def test_a_campaign_without_welsh_shows_its_english_on_welsh_pages(client):
    campaign = CampaignFactory(
        title="Welcome week",
        body="Open doors.",
        pledge_statement="I will open my door.",
        pledge_principles="Everyone is welcome.",
    )
    page = get_in(client, "campaigns:detail", campaign.slug, language="cy").text
    assert "<h1>Welcome week</h1>" in page
    assert "Open doors." in page
    pledge = get_in(client, "campaigns:pledge", campaign.slug, language="cy").text
    assert "I will open my door." in pledge and "<li>Everyone is welcome.</li>" in pledge


def test_signing_the_pledge_in_welsh_sends_the_welsh_title(client, django_capture_on_commit_callbacks):
    campaign = _welsh_campaign(goal_kind=Campaign.GoalKind.PLEDGES)
    with translation.override("cy"), django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("campaigns:pledge", args=[campaign.slug]),
            {"name": "Ada", "email": "ada@example.org", "town": "Caerdydd"},
        )
    email = OutboundEmail.objects.get(template="campaigns/emails/pledge_confirm", to="ada@example.org")
    assert "Lle diogel" in email.subject
    for part in (email.body_text, email.body_html):
        assert "Lle diogel" in part
        assert "A safe place" not in part


def test_signing_the_pledge_in_english_sends_the_english_title(client, django_capture_on_commit_callbacks):
    campaign = _welsh_campaign(goal_kind=Campaign.GoalKind.PLEDGES)
    with translation.override("en-gb"), django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("campaigns:pledge", args=[campaign.slug]),
            {"name": "Ada", "email": "ada@example.org", "town": "Cardiff"},
        )
    email = OutboundEmail.objects.get(template="campaigns/emails/pledge_confirm", to="ada@example.org")
    assert "A safe place" in email.body_text
    assert "Lle diogel" not in email.body_text


def test_the_follow_up_to_a_welsh_speaker_names_the_campaign_in_welsh(django_capture_on_commit_callbacks):
    action = ActionFactory(campaign=_welsh_campaign(), done_on=dt.date(2026, 3, 2))
    action.user.preferred_language = "cy"
    action.user.save(update_fields=["preferred_language"])
    with (
        time_machine.travel(dt.datetime(2026, 3, 16, 9, tzinfo=dt.UTC), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        follow_up_sweep()
    email = OutboundEmail.objects.get(template="campaigns/emails/follow_up", to=action.user.email)
    assert '"Lle diogel"' in email.body_text
    assert "A safe place" not in email.body_text


def test_my_actions_in_welsh_name_the_campaign_in_welsh(client_for):
    action = ActionFactory(campaign=_welsh_campaign())
    page = get_in(client_for(action.user), "campaigns:mine", language="cy").text
    assert "Lle diogel" in page
    assert "A safe place" not in page


def test_the_public_feed_keeps_the_english_title(client):
    ActionFactory(campaign=_welsh_campaign(), is_public=True)
    with translation.override("cy"):
        feed = client.get(reverse("feed", args=["actions"]), HTTP_ACCEPT_LANGUAGE="cy").text
    assert "A safe place" in feed
    assert "Lle diogel" not in feed


def test_the_welsh_campaign_list_asks_the_database_no_more_than_the_english_one(client):
    _welsh_campaign()
    CampaignFactory()

    counts = queries_by_language(client, "campaigns:index")
    assert counts["cy"] == counts["en-gb"]


def test_staff_write_the_welsh_beside_the_english_and_may_leave_it_empty(client_for, national_staff):
    fields = list(CampaignForm.base_fields)
    for english in ("title", "summary", "body", "pledge_statement", "pledge_principles"):
        assert fields[fields.index(english) + 1] == f"{english}_cy"
        assert not CampaignForm.base_fields[f"{english}_cy"].required
    national_staff.is_staff = national_staff.is_superuser = True
    national_staff.save(update_fields=["is_staff", "is_superuser"])
    page = client_for(national_staff).get(reverse("admin:campaigns_campaign_add")).text
    assert re.search(r"Title in Welsh\s*:?\s*</label>", page)
    assert re.search(r"Pledge statement in Welsh\s*:?\s*</label>", page)
