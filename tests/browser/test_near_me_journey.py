"""Find near me and the MP lookup, by keyboard, with axe checking each state of the pages."""

from __future__ import annotations

from importlib import import_module

import pytest
from django.apps import apps

from geography import register, services
from geography.demo import COUNCILS_SAMPLE
from geography.selectors import point_for_postcode
from la_network import services as la_services
from la_network.models import LocalAuthority
from tests.browser.conftest import assert_accessible, sign_in
from tests.campaigns.factories import CampaignFactory
from tests.factories import TEST_PASSWORD, GroupFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def sample(db):
    la_services.register_import(path=COUNCILS_SAMPLE)
    services.postcodes_import(path=register.SAMPLE_POSTCODES)
    services.members_import(path=register.SAMPLE_MEMBERS)


def test_a_visitor_finds_the_groups_near_their_postcode(page, sample):
    latitude, longitude = point_for_postcode("AB11 5AA")
    group = GroupFactory(name="Harbour Welcome", postcode="AB11 5AA", latitude=latitude, longitude=longitude)
    group.local_authorities.add(LocalAuthority.objects.get(gss_code="S12000033"))
    page.goto("/groups/")
    page.fill("#near-me-postcode", "not a postcode")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator("#near-me-error").is_visible()
    assert_accessible(page)
    page.fill("#near-me-postcode", "ab11 5aa")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "Harbour Welcome" in page.locator("#near-me-heading + form + div").inner_text()
    assert_accessible(page)
    page.goto("/la-network/?postcode=BT1+1AA")
    assert page.locator("#near-me-council").is_visible()
    assert_accessible(page)


def test_a_supporter_gets_their_mp_from_their_postcode(page, sample):
    # Transactional tests empty every table, including rows a data migration created.
    import_module("campaigns.migrations.0002_default_action_types").create_types(apps, None)
    campaign = CampaignFactory(slug="a-safe-place")
    UserFactory(email="writer@example.org")
    sign_in(page, "writer@example.org", TEST_PASSWORD)
    page.goto(f"/campaigns/{campaign.slug}/act/?type=write-to-mp&postcode=AB12")
    assert page.locator("input[name=constituency_code]").count() == 2
    assert_accessible(page)
    page.goto(f"/campaigns/{campaign.slug}/act/?type=write-to-mp&postcode=AB11+5AA")
    assert page.locator("#id_detail_recipient").input_value() == "Douglas Lumsden"
    assert_accessible(page)
