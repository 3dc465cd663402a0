from __future__ import annotations

import datetime as dt
import re

import pytest
import time_machine
from django.urls import reverse

from campaigns.models import Campaign, PledgeSignature
from campaigns.selectors import pledge_count
from tests.campaigns.factories import CampaignFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def pledge_campaign(db):
    return CampaignFactory(
        slug="safe-place",
        pledge_statement="I will speak up for a country that keeps its doors open to people fleeing harm.",
        pledge_principles="Safety for people fleeing persecution\nFair and timely decisions",
        goal_kind=Campaign.GoalKind.PLEDGES,
        goal_target=10,
    )


def sign(client, campaign, email="ada@example.org"):
    return client.post(
        reverse("campaigns:pledge", args=[campaign.slug]), {"name": "Ada", "email": email, "town": "Riverton"}
    )


def confirm_path(mail) -> str:
    return re.search(r"/campaigns/pledge/confirm/[^/\s]+/", mail.body).group(0)


def test_signature_counts_only_after_email_confirmation(
    client, pledge_campaign, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = sign(client, pledge_campaign)
    assert response.status_code == 200
    assert pledge_count(pledge_campaign) == 0
    assert len(mailoutbox) == 1
    path = confirm_path(mailoutbox[0])
    # Opening the link changes nothing; pressing the button confirms.
    assert client.get(path).status_code == 200
    assert pledge_count(pledge_campaign) == 0
    assert client.post(path).status_code == 302
    assert pledge_count(pledge_campaign) == 1
    page = client.get(reverse("campaigns:detail", args=[pledge_campaign.slug]))
    assert page.context["reached"] == 1
    assert page.context["goal_percent"] == 10


def test_the_same_email_cannot_sign_twice(
    client, pledge_campaign, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        sign(client, pledge_campaign)
    client.post(confirm_path(mailoutbox[0]))
    with django_capture_on_commit_callbacks(execute=True):
        again = sign(client, pledge_campaign, email="ADA@example.org")
    assert again.status_code == 200
    assert PledgeSignature.objects.count() == 1
    assert pledge_count(pledge_campaign) == 1
    # A confirmed address gets no more email, and the page says the same as for a new one.
    assert len(mailoutbox) == 1


def test_signing_again_before_confirming_resends_the_link(
    client, pledge_campaign, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        sign(client, pledge_campaign)
        sign(client, pledge_campaign)
    assert PledgeSignature.objects.count() == 1
    assert len(mailoutbox) == 2


def test_confirmation_link_expires(
    client, pledge_campaign, mailoutbox, django_capture_on_commit_callbacks, settings
):
    settings.CAMPAIGN_PLEDGE_CONFIRM_DAYS = 7
    with (
        time_machine.travel(dt.datetime(2026, 5, 1, 9, tzinfo=dt.UTC), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        sign(client, pledge_campaign)
    with time_machine.travel(dt.datetime(2026, 5, 9, 9, tzinfo=dt.UTC), tick=False):
        response = client.post(confirm_path(mailoutbox[0]))
    assert response.status_code == 410
    assert pledge_count(pledge_campaign) == 0


def test_a_forged_confirmation_link_is_refused(client, pledge_campaign):
    assert client.post("/campaigns/pledge/confirm/not-a-token/").status_code == 404
    assert pledge_count(pledge_campaign) == 0


def test_campaign_without_a_pledge_has_no_pledge_page(client):
    campaign = CampaignFactory(pledge_statement="")
    assert client.get(reverse("campaigns:pledge", args=[campaign.slug])).status_code == 404


def test_invalid_email_is_shown_next_to_the_field(client, pledge_campaign):
    response = client.post(
        reverse("campaigns:pledge", args=[pledge_campaign.slug]), {"name": "Ada", "email": "nope"}
    )
    assert "email" in response.context["form"].errors
    assert b"Ada" in response.content
    assert not PledgeSignature.objects.exists()


def test_one_connection_cannot_flood_addresses_with_pledge_emails(
    client, pledge_campaign, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        for number in range(12):
            response = sign(client, pledge_campaign, email=f"person{number}@example.org")
    assert response.status_code == 429
    assert len(mailoutbox) == 10


def test_a_confirmation_link_stops_working_once_the_signatures_address_changes(client, pledge_campaign):
    """The link names the signature and a keyed digest of its address, not the address itself."""
    from campaigns import tokens
    from tests.campaigns.factories import PledgeSignatureFactory

    signature = PledgeSignatureFactory(campaign=pledge_campaign, email="ada@example.org")
    token = tokens.pledge_token(signature)
    assert "ada" not in tokens.pledge_read(token).__repr__()
    PledgeSignature.objects.filter(pk=signature.pk).update(email="erased@invalid")
    assert client.post(reverse("campaigns:pledge_confirm", args=[token])).status_code == 404
    signature.refresh_from_db()
    assert signature.confirmed_at is None


def test_a_link_sent_before_tokens_stopped_carrying_the_address_still_confirms(client, pledge_campaign):
    from django.core import signing

    from tests.campaigns.factories import PledgeSignatureFactory

    signature = PledgeSignatureFactory(campaign=pledge_campaign, email="ada@example.org")
    old = signing.dumps(
        {"s": signature.pk, "e": signature.email}, salt="campaigns.pledge-confirm", compress=True
    )
    assert client.post(reverse("campaigns:pledge_confirm", args=[old])).status_code == 302
    signature.refresh_from_db()
    assert signature.confirmed_at is not None
