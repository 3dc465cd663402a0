"""Charter signatures and actions counted by council and constituency from the postcode."""

from __future__ import annotations

import pytest
from django.urls import reverse

from groups import services as group_services
from groups.models import CharterSignature
from la_network.models import LocalAuthority
from tests.campaigns.factories import ActionFactory
from tests.factories import GroupFactory, make_lead, make_staff

pytestmark = pytest.mark.django_db


def sign(email: str, postcode: str) -> CharterSignature:
    group_services.signature_create(
        name="A Signer",
        email=email,
        place="Aberdeen",
        postcode=postcode,
        consent_group_contact=False,
        consent_public_name=False,
    )
    signature = CharterSignature.objects.get(email=email)
    CharterSignature.objects.filter(pk=signature.pk).update(confirmed_at=signature.created_at)
    return signature


def test_a_signature_with_a_postcode_records_its_council_and_constituency(sample):
    signature = sign("a@example.net", "AB11 5AA")
    assert (signature.council_gss, signature.constituency_code) == ("S12000033", "S14000061")
    # An outward code spanning two constituencies names the council only.
    spanning = sign("b@example.net", "AB10")
    assert (spanning.council_gss, spanning.constituency_code) == ("S12000033", "")


def test_the_charter_form_takes_an_optional_postcode_and_refuses_a_bad_one(client, sample):
    data = {"name": "Sam", "email": "sam@example.net", "place": "Aberdeen", "agree": "on", "postcode": "xx"}
    response = client.post(reverse("charter:sign"), data)
    assert response.status_code == 200 and "AB10 1AB" in response.text and 'value="xx"' in response.text
    assert not CharterSignature.objects.exists()


def test_staff_see_signatures_and_actions_by_council_and_constituency(client_for, sample):
    sign("a@example.net", "AB11 5AA")
    sign("b@example.net", "AB16 5AA")
    ActionFactory(place="M1 1AD", council_gss="E08000003", constituency_code="E14001352")
    staff = make_staff("national_staff")
    page = client_for(staff).get(reverse("dashboard")).text
    assert "Local figures by area" in page
    assert "Aberdeen South" in page and "Manchester Central" in page and "Aberdeen City" in page


def test_a_lead_sees_the_figures_of_the_councils_their_group_covers(client_for, sample):
    aberdeen = LocalAuthority.objects.get(gss_code="S12000033")
    group = GroupFactory()
    group.local_authorities.add(aberdeen)
    lead = make_lead(group)
    sign("a@example.net", "AB11 5AA")
    ActionFactory(place="M1 1AD", council_gss="E08000003", constituency_code="E14001352")
    page = client_for(lead).get(reverse("dashboard")).text
    assert "Aberdeen South" in page and "Manchester Central" not in page
    workspace = client_for(lead).get(reverse("groups:workspace", args=[group.slug])).text
    assert "Charter signatures in the councils covered (by postcode)" in workspace


def test_the_signers_postcode_is_in_their_data_download_and_goes_with_the_signature(sample):
    from groups.rights import erase, personal_data
    from tests.factories import UserFactory

    user = UserFactory(email="a@example.net")
    sign("a@example.net", "AB11 5AA")
    section = personal_data(user)
    rows = next(iter(v for k, v in section.records.items() if str(k) == "Charter signature"))
    assert rows[0]["Postcode"] == "AB11 5AA"
    erase(user)
    assert not CharterSignature.objects.filter(postcode="AB11 5AA").exists()
