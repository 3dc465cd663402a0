"""Hostile input to campaign action logging (issue 8, SECURITY.md 11).

A supporter's action is either saved exactly and shown escaped on their own list, on the
public campaign page (when they chose to share it) and on the staff dashboard and export, or
refused with the error beside the field and nothing saved. Dates far in the past must not
break the figures that group actions by week and month.
"""

from __future__ import annotations

import csv
import io

import pytest
from django.urls import reverse
from hypothesis import example, given
from hypothesis import strategies as st

from campaigns.models import Action
from sanctuary.geography import Region
from sanctuary.spreadsheet import _FORMULA_STARTS as FORMULA_STARTS
from tests.campaigns.factories import ActionFactory, CampaignFactory
from tests.factories import UserFactory
from tests.returnees.factories import reauthenticate
from tests.security.hostile import (
    EXAMPLES,
    GOOD_URLS,
    assert_pages_escape,
    date_text,
    mostly,
    past_date,
    short_text,
    submit,
    text,
    url_text,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def supporter(client_for, national_staff):
    """A fresh campaign and supporter for each example, so every action is on page one."""

    def make():
        staff = client_for(national_staff)
        reauthenticate(staff, national_staff)
        person = UserFactory()
        return client_for(person), person, CampaignFactory(), staff

    return make


@EXAMPLES
@given(
    done_on=mostly(past_date(), date_text()),
    place=st.one_of(text(100), st.just("=HYPERLINK(1)")),
    region=mostly(st.sampled_from(Region.values), st.sampled_from(["", "atlantis", "<b>bold</b>"])),
    recipient=mostly(short_text(), text(300)),
    constituency=mostly(short_text(), text(300)),
    sent_on=mostly(past_date(), date_text()),
    method=mostly(st.sampled_from(["letter", "email", ""]), st.just("pigeon")),
    link=mostly(st.one_of(st.just(""), GOOD_URLS), url_text()),
    public=st.booleans(),
)
# An action dated in year 1 must still go through the weekly and monthly figures.
@example(
    done_on="0001-01-01",
    place="Riverton",
    region="north_west",
    recipient="A. Member",
    constituency="Riverton",
    sent_on="0001-01-01",
    method="letter",
    link="",
    public=True,
)
def test_logging_an_action(
    supporter, done_on, place, region, recipient, constituency, sent_on, method, link, public
):
    client, person, campaign, staff = supporter()
    data = {
        "type": "write-to-mp",
        "done_on": done_on,
        "place": place,
        "region": region,
        "detail_recipient": recipient,
        "detail_constituency": constituency,
        "detail_sent_on": sent_on,
        "detail_method": method,
        "link": link,
        **({"is_public": "on"} if public else {}),
    }
    url = reverse("campaigns:act", args=[campaign.slug]) + "?type=write-to-mp"
    response = submit(client, url, data, snapshot=lambda: Action.objects.filter(user=person).count())
    if response.status_code != 302:
        return
    action = Action.objects.filter(user=person).latest("pk")
    assert action.place == place.strip()
    assert action.details["recipient"] == recipient.strip()
    assert not action.link or action.link.lower().startswith(("http://", "https://", "ftp://", "ftps://"))
    assert_pages_escape(client, [reverse("campaigns:mine")], [recipient, constituency])
    assert_pages_escape(
        client, [reverse("campaigns:detail", args=[campaign.slug])], [place] if public else []
    )
    assert_pages_escape(staff, [reverse("campaigns:dashboard")], [])
    # The export is a spreadsheet, not a page: what matters there is that no typed formula runs.
    export = staff.get(reverse("campaigns:export"))
    assert export.status_code == 200
    rows = list(csv.reader(io.StringIO(b"".join(export.streaming_content).decode())))
    assert all(not cell.startswith(FORMULA_STARTS) for row in rows[1:] for cell in row)


@EXAMPLES
@given(
    done_on=mostly(past_date(), date_text()),
    place=st.one_of(text(100), st.just("=HYPERLINK(1)")),
    region=mostly(st.sampled_from(Region.values), st.sampled_from(["", "atlantis", "<b>bold</b>"])),
    recipient=mostly(short_text(), text(300)),
    constituency=mostly(short_text(), text(300)),
    link=mostly(st.one_of(st.just(""), GOOD_URLS), url_text()),
    public=st.booleans(),
)
def test_correcting_an_action(supporter, done_on, place, region, recipient, constituency, link, public):
    client, person, campaign, _staff = supporter()
    action = ActionFactory(campaign=campaign, user=person)
    data = {
        "done_on": done_on,
        "place": place,
        "region": region,
        "detail_recipient": recipient,
        "detail_constituency": constituency,
        "detail_sent_on": action.details["sent_on"],
        "link": link,
        **({"is_public": "on"} if public else {}),
    }
    response = submit(
        client,
        reverse("campaigns:action_edit", args=[action.pk]),
        data,
        snapshot=lambda: Action.objects.filter(pk=action.pk).values().get(),
    )
    if response.status_code != 302:
        return
    action.refresh_from_db()
    assert action.place == place.strip() and action.details["recipient"] == recipient.strip()
    assert_pages_escape(client, [reverse("campaigns:mine")], [recipient, constituency])
    assert_pages_escape(
        client, [reverse("campaigns:detail", args=[campaign.slug])], [place] if public else []
    )
