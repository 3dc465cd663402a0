"""A campaign pledge's signer withdraws from the link in the email about it (issue 18)."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from campaigns import selectors, services, tokens
from campaigns.models import PledgeSignature
from sanctuary.models import AuditEvent
from tests.campaigns.factories import CampaignFactory, PledgeSignatureFactory

pytestmark = pytest.mark.django_db


def test_the_pledge_email_carries_a_withdraw_link_without_the_address_or_name(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    campaign = CampaignFactory(pledge_statement="We stand for welcome.")
    with django_capture_on_commit_callbacks(execute=True):
        services.pledge_sign(campaign=campaign, name="Zora Neale", email="zora@example.net", town="Hull")
    (mail,) = mailoutbox
    for part in (mail.body, mail.alternatives[0][0]):
        assert "/campaigns/pledge/yours/" in part
    path = re.search(r"(/campaigns/pledge/yours/[^/\s\"]+/)", mail.body).group(1)
    assert "zora" not in path.lower() and "neale" not in path.lower()
    assert "Zora Neale" in client.get(path).text


def test_a_signer_withdraws_and_the_total_drops(client):
    signature = PledgeSignatureFactory(confirmed_at=timezone.now())
    campaign = signature.campaign
    assert selectors.pledge_count(campaign) == 1
    path = reverse("campaigns:pledge_manage", args=[tokens.pledge_manage_token(signature)])
    asked = client.post(path, {"do": "withdraw"})
    assert asked.status_code == 200 and PledgeSignature.objects.filter(pk=signature.pk).exists()
    done = client.post(path, {"do": "withdraw", "confirmed": "yes"})
    assert done.status_code == 302 and done["Location"] == reverse("campaigns:detail", args=[campaign.slug])
    assert not PledgeSignature.objects.filter(pk=signature.pk).exists()
    assert selectors.pledge_count(campaign) == 0
    event = AuditEvent.objects.get(action="campaigns.pledge_withdrawn")
    assert event.detail == {"campaign": campaign.pk, "confirmed": True}
    assert client.get(path).status_code == 404


def test_a_confirmation_token_does_not_open_the_withdraw_page(client):
    signature = PledgeSignatureFactory()
    response = client.get(reverse("campaigns:pledge_manage", args=[tokens.pledge_token(signature)]))
    assert response.status_code == 404
