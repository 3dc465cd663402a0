"""The two public maps (group directory and LA register) draw the UK's regions, show the
boundaries' licence, and pass axe at desktop and phone widths."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.cache import cache
from django.utils import timezone

from sanctuary.geography import Nation, Region
from tests.browser.conftest import assert_accessible
from tests.factories import GroupFactory, LocalAuthorityFactory
from tests.la_network.factories import CouncilContactFactory, make_membership

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_maps_are_drawn_and_accessible(page, phone_page, size):
    cache.clear()
    GroupFactory.create_batch(2, region=Region.LONDON)
    GroupFactory(region=Region.SCOTLAND, nation=Nation.SCOTLAND)
    council = LocalAuthorityFactory(
        code="SHF", short_name="Sheffield", region=Region.YORKSHIRE, latitude=53.383, longitude=-1.465
    )
    make_membership(
        starts_on=timezone.localdate() - dt.timedelta(days=1),
        contact=CouncilContactFactory(local_authority=council),
    )
    tab = page if size == "desktop" else phone_page
    for path, map_id in (("/groups/", "region-map"), ("/la-network/", "map")):
        tab.goto(path)
        figure = tab.locator(f'figure[aria-labelledby="{map_id}-caption"]')
        assert figure.locator("path[data-region]").count() == 12
        box = figure.locator("svg").bounding_box()
        assert box and box["width"] > 150 and box["height"] > 250, path  # drawn, not a blank box
        assert "Open Government Licence v3.0" in figure.inner_text()
        assert_accessible(tab)
    assert tab.locator('figure[aria-labelledby="map-caption"] circle').count() == 1
