"""The shipped UK map: small, every region present, its source and licence stated beside it."""

from __future__ import annotations

from shapely.geometry import Point

from sanctuary import ukmap
from sanctuary.geography import Region
from tests.mapcheck import path_polygon

# Places whose region nobody doubts, to prove the shapes and the projection agree.
PLACES = {
    "london": (51.507, -0.128),  # Charing Cross
    "scotland": (55.953, -3.188),  # Edinburgh
    "wales": (51.481, -3.179),  # Cardiff
    "northern_ireland": (54.597, -5.930),  # Belfast
    "north_west": (53.480, -2.242),  # Manchester
    "yorkshire_humber": (53.383, -1.465),  # Sheffield
    "south_west": (50.376, -4.143),  # Plymouth
    "east_of_england": (52.205, 0.119),  # Cambridge
    "north_east": (54.978, -1.618),  # Newcastle
    "west_midlands": (52.486, -1.890),  # Birmingham
    "east_midlands": (52.954, -1.158),  # Nottingham
    "south_east": (51.752, -1.258),  # Oxford
}


def test_the_data_is_small_and_has_every_region():
    assert ukmap.DATA.stat().st_size < 60_000
    assert {area.code for area in ukmap.regions()} == {r.value for r in Region}
    assert ukmap.map_data().borders  # England's borders with Wales and Scotland


def test_each_region_holds_its_own_cities_and_no_other():
    shapes = {area.code: path_polygon(area.path) for area in ukmap.regions()}
    for code, (lat, lon) in PLACES.items():
        where = Point(ukmap.point(lat, lon))
        assert shapes[code].contains(where), code
        assert [other for other, shape in shapes.items() if shape.contains(where)] == [code]
    for code, shape in shapes.items():
        area = next(a for a in ukmap.regions() if a.code == code)
        assert shape.buffer(0.5).contains(Point(area.label_x, area.label_y)), code  # numbers sit inside


def test_points_off_the_map_or_without_coordinates_are_left_out():
    assert ukmap.point(None, -1.0) is None
    assert ukmap.point(48.85, 2.35) is None  # Paris
    x, y = ukmap.point(51.5, -0.1)
    assert 0 < x < ukmap.WIDTH and 0 < y < ukmap.HEIGHT


def test_readme_states_source_and_licence():
    readme = " ".join((ukmap.DATA.parent / "README.md").read_text().split())
    for words in (
        "Open Government Licence v3.0",
        "Crown copyright",
        "martinjc/UK-GeoJSON",
        "Creative Commons Attribution 4.0",
        "build.py",
    ):
        assert words in readme
