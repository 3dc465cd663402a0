"""The directory's map draws the UK's nations and regions from the shipped boundaries, shades each
region by its number of groups, and names the source and licence under it."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from sanctuary import ukmap
from sanctuary.geography import Region
from tests.factories import GroupFactory
from tests.mapcheck import map_svg, path_polygon, region_paths

pytestmark = pytest.mark.django_db


def test_map_draws_every_region_shaded_by_its_groups(client):
    GroupFactory.create_batch(3, region=Region.LONDON)
    GroupFactory(region=Region.WALES)
    page = client.get(reverse("groups:directory")).text
    svg = map_svg(page, "region-map")
    regions = region_paths(svg)
    assert set(regions) == {r.value for r in Region}
    # Real outlines, not squares: Scotland is large, London small, and they do not touch.
    scotland, london = path_polygon(regions["scotland"][0]), path_polygon(regions["london"][0])
    assert scotland.area > 50 * london.area > 0 and not scotland.intersects(london)
    # The nations' borders are drawn over the regions.
    assert re.search(r'<path class="uk-map-borders" d="M[^"]{200,}"', svg)
    shades = ukmap.SHADES
    assert regions["london"][1] == shades[-1]
    assert shades.index(regions["wales"][1]) not in (0, len(shades) - 1)
    assert regions["north_east"][1] == shades[0]
    # The numbers on the map are those of the table beside it.
    assert re.search(r">3</text>", svg) and re.search(r">1</text>", svg)
    assert '<a href="?region=london">London</a></th><td class="text-end">3</td>' in page


def test_map_names_its_source_and_licence(client):
    page = " ".join(client.get(reverse("groups:directory")).text.split())
    caption = page.split('id="region-map-caption"', 1)[1].split("</figcaption>", 1)[0]
    for words in ("Office for National Statistics", "Crown copyright", "Open Government Licence v3.0"):
        assert words in caption
