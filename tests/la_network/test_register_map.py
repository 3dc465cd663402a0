"""The register's map: the UK's nations and regions from the shipped boundaries, a dot for each
member council where it is, the licence of the boundaries under it, and the table beside it."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.urls import reverse
from shapely.geometry import Point

from sanctuary.geography import Nation, Region
from tests.factories import LocalAuthorityFactory
from tests.la_network.factories import CouncilContactFactory, make_membership
from tests.mapcheck import dots, map_svg, path_polygon, region_paths

pytestmark = pytest.mark.django_db
at_today = time_machine.travel(dt.datetime(2027, 6, 1, 12, tzinfo=dt.UTC), tick=False)


def _member(code, **place):
    council = LocalAuthorityFactory(code=code, short_name=f"Council {code}", **place)
    contact = CouncilContactFactory(local_authority=council)
    return make_membership(starts_on=dt.date(2026, 1, 1), contact=contact)


@at_today
def test_dots_fall_inside_their_councils_regions(client):
    _member("SHF", nation=Nation.ENGLAND, region=Region.YORKSHIRE, latitude=53.383, longitude=-1.465)
    _member("CRF", nation=Nation.WALES, region=Region.WALES, latitude=51.481, longitude=-3.179)
    _member("GLA", nation=Nation.SCOTLAND, region=Region.SCOTLAND, latitude=55.861, longitude=-4.250)
    page = client.get(reverse("la_network:register")).text
    svg = map_svg(page, "map")
    regions = region_paths(svg)
    assert set(regions) == {r.value for r in Region}
    placed = {name: Point(x, y) for x, y, name in dots(svg)}
    assert set(placed) == {"Council SHF", "Council CRF", "Council GLA"}
    assert path_polygon(regions["yorkshire_humber"][0]).contains(placed["Council SHF"])
    assert path_polygon(regions["wales"][0]).contains(placed["Council CRF"])
    assert path_polygon(regions["scotland"][0]).contains(placed["Council GLA"])
    # Regions with members are shaded; the others are not.
    assert regions["wales"][1] != regions["london"][1]
    # The table beside the map keeps the same figures.
    table = page.split("<caption>Member councils by region</caption>", 1)[1].split("</table>", 1)[0]
    for label in ("Yorkshire and the Humber", "Wales", "Scotland"):
        assert f'<th scope="row">{label}</th><td>1</td>' in table


@at_today
def test_map_names_its_boundary_source_and_licence(client):
    page = " ".join(client.get(reverse("la_network:register")).text.split())
    caption = page.split('id="map-caption"', 1)[1].split("</figcaption>", 1)[0]
    for words in ("Ordnance Survey", "Crown copyright", "Open Government Licence v3.0", "Martin Chorley"):
        assert words in caption
