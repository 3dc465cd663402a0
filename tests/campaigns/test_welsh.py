"""Campaign pages in Welsh (issue 19): month names, the two meanings of 'Share', whole sentences."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.urls import reverse
from django.utils import translation
from django.utils.translation import pgettext

from campaigns import tokens
from tests.campaigns.factories import ActionFactory
from tests.factories import UserFactory
from tests.welsh import welsh  # noqa: F401 - fixture

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("welsh")]

WELSH_MONTHS = ["Ion", "Chw", "Maw", "Ebr", "Mai", "Meh", "Gor", "Aws", "Med", "Hyd", "Tach", "Rhag"]
ENGLISH_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def _chart_rows(page: str, heading: str) -> str:
    """The table beside the chart of actions over time."""
    start = page.index(heading)
    return page[start : page.index("</table>", start)]


def _page_with_actions_in_three_months(client, campaign, language: str) -> str:
    with time_machine.travel(dt.datetime(2026, 12, 15, 12, tzinfo=dt.UTC), tick=False):
        for done_on in (dt.date(2026, 1, 20), dt.date(2026, 3, 2), dt.date(2026, 12, 1)):
            ActionFactory(campaign=campaign, done_on=done_on)
        with translation.override(language):
            return client.get(reverse("campaigns:detail", args=[campaign.slug])).text


def test_the_chart_by_month_names_its_months_in_english(client, campaign):
    rows = _chart_rows(_page_with_actions_in_three_months(client, campaign, "en-gb"), "Period starting")
    for month in (0, 2, 11):
        assert f'<th scope="row">{ENGLISH_MONTHS[month]} 2026</th>' in rows


def test_the_chart_by_month_names_its_months_in_welsh(client, campaign):
    page = _page_with_actions_in_three_months(client, campaign, "cy")
    rows = _chart_rows(page, "Cyfnod yn dechrau")
    for month in (0, 2, 11):
        assert f'<th scope="row">{WELSH_MONTHS[month]} 2026</th>' in rows
    assert not any(f"{name} 2026" in rows for name in ENGLISH_MONTHS if name not in WELSH_MONTHS)
    assert "Cyfran" in page  # the proportion column of the outcome rates


def test_share_the_proportion_and_share_the_award_principle_are_different_welsh_words():
    with translation.override("cy"):
        assert pgettext("proportion of actions", "Share") == "Cyfran"
        assert pgettext("award principle", "Share") == "Rhannu"
    assert pgettext("proportion of actions", "Share") == pgettext("award principle", "Share") == "Share"


def test_an_expired_link_page_gives_whole_welsh_sentences_with_their_links(client_for, settings):
    owner = UserFactory()
    with time_machine.travel(dt.datetime(2026, 1, 1, 9, tzinfo=dt.UTC), tick=False):
        token = tokens.outcome_token(ActionFactory(user=owner))
    later = dt.datetime(2026, 1, 1, 9, tzinfo=dt.UTC) + dt.timedelta(
        days=settings.CAMPAIGN_OUTCOME_LINK_DAYS + 1
    )
    with time_machine.travel(later, tick=False), translation.override("cy"):
        response = client_for(owner).get(reverse("campaigns:outcome", args=[token]))
        mine, index = reverse("campaigns:mine"), reverse("campaigns:index")
    assert response.status_code == 410
    page = response.text
    assert f'agorwch <a href="{mine}">Fy nghamau gweithredu</a>.' in page
    assert f'ymhlith <a href="{index}">yr holl ymgyrchoedd</a> a llofnodwch eto' in page
