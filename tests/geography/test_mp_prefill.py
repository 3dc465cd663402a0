"""Write to your MP: the constituency and MP come from the postcode."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from campaigns.models import Action
from tests.campaigns.factories import CampaignFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def act_url(db):
    campaign = CampaignFactory(title="A safe place", slug="a-safe-place")
    return reverse("campaigns:act", args=[campaign.slug])


def letter(**overrides) -> dict:
    day = (timezone.localdate() - dt.timedelta(days=1)).isoformat()
    data = {
        "type": "write-to-mp",
        "done_on": day,
        "place": "",
        "region": "scotland",
        "detail_sent_on": day,
        "detail_method": "email",
    }
    data.update(overrides)
    return data


def test_a_full_postcode_fills_in_the_constituency_and_the_mp(client_for, user, sample, act_url):
    page = client_for(user).get(act_url, {"type": "write-to-mp", "postcode": "ab11 5aa"}).text
    assert "Your constituency is Aberdeen South." in page
    # Aberdeen South's MP since its by-election (Parliament's register, see geography/data/README.md).
    assert "Your MP is Douglas Lumsden (Conservative)." in page
    assert 'value="Aberdeen South"' in page and 'value="Douglas Lumsden"' in page
    assert "Write in your own words" in page  # the guidance stays; no template letter


def test_an_outward_code_spanning_several_constituencies_offers_a_choice(client_for, user, sample, act_url):
    page = client_for(user).get(act_url, {"type": "write-to-mp", "postcode": "AB12"}).text
    assert "spans more than one constituency" in page
    radios = re.findall(r'<input type="radio"[^>]*name="constituency_code"[^>]*value="([A-Z0-9]+)"', page)
    assert sorted(radios) == ["S14000061", "S14000111"]
    assert "West Aberdeenshire and Kincardine (Andrew Bowie)" in page


def test_the_chosen_constituency_is_recorded_by_code_and_its_mp_filled_in(client_for, user, sample, act_url):
    response = client_for(user).post(act_url, letter(constituency_code="S14000111"))
    assert response.status_code == 302
    action = Action.objects.get()
    assert action.constituency_code == "S14000111"
    assert action.details["constituency"] == "West Aberdeenshire and Kincardine"
    assert action.details["recipient"] == "Andrew Bowie"
    assert action.breakdown_value == "West Aberdeenshire and Kincardine"


def test_a_postcode_not_in_the_data_says_so_and_lists_every_constituency(client_for, user, sample, act_url):
    page = client_for(user).get(act_url, {"type": "write-to-mp", "postcode": "AB99 9ZZ"}).text
    assert "not in our records yet" in page
    assert '<option value="N05000001"' in page and '<option value="W07000112"' in page


def test_a_malformed_postcode_is_explained_beside_the_field_and_kept(client_for, user, sample, act_url):
    page = client_for(user).get(act_url, {"type": "write-to-mp", "postcode": "??"}).text
    assert "AB10 1AB" in page and 'aria-invalid="true"' in page and 'value="??"' in page


def test_typing_the_constituency_by_hand_still_works(client_for, user, sample, act_url):
    response = client_for(user).post(
        act_url, letter(detail_recipient="Ann Member", detail_constituency="Somewhere", place="AB11 5AA")
    )
    assert response.status_code == 302
    action = Action.objects.get()
    # No choice made: the constituency of the place's postcode is recorded.
    assert (action.constituency_code, action.council_gss) == ("S14000061", "S12000033")


def test_types_without_a_constituency_have_no_lookup(client_for, user, sample, act_url):
    page = client_for(user).get(act_url, {"type": "visual-stunt"}).text
    assert "Find your MP from your postcode" not in page
