"""The UK map drawn on the server as inline SVG: nations and regions from public boundary data
(``sanctuary/data/uk_map``, source and licence in its README) and points placed by latitude and
longitude. No script and no map tiles: the page works as it is, and a table beside the map gives
the same figures.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data" / "uk_map" / "uk-map.json"

# A plain equirectangular projection centred on the UK, its east-west scale corrected for the
# middle latitude: simple, and close enough at this size.
WEST, EAST, SOUTH, NORTH = -8.7, 1.9, 49.85, 60.9
MID_LAT = math.radians(55.0)
WIDTH = 400
HEIGHT = round(WIDTH * (NORTH - SOUTH) / ((EAST - WEST) * math.cos(MID_LAT)))


def project(lat: float, lon: float) -> tuple[float, float]:
    """Map units (x right, y down) of a latitude and longitude."""
    x = (lon - WEST) / (EAST - WEST) * WIDTH
    y = (NORTH - lat) / (NORTH - SOUTH) * HEIGHT
    return x, y


def point(lat, lon) -> tuple[float, float] | None:
    """The rounded map position of a place, or None when it has no coordinates or lies off the map."""
    if lat is None or lon is None:
        return None
    x, y = project(float(lat), float(lon))
    if not (0 <= x <= WIDTH and 0 <= y <= HEIGHT):
        return None
    return round(x, 1), round(y, 1)


@dataclass(frozen=True)
class Area:
    code: str
    nation: str
    path: str
    label_x: float
    label_y: float


@cache
def _data() -> dict:
    return json.loads(DATA.read_text(encoding="utf-8"))


def regions() -> list[Area]:
    """The twelve regions (England's nine, Scotland, Wales, Northern Ireland), with a label point each."""
    return [Area(r["code"], r["nation"], r["path"], *r["label"]) for r in _data()["regions"]]


def nations() -> list[dict]:
    """Each nation's outline (path data), drawn over the regions with a heavier line."""
    return _data()["nations"]


# Five shades of the site's teal, lightest for none; counts on the two darkest are white.
SHADES = ["#eef5f4", "#c6e2dd", "#8fc5bc", "#4f9e92", "#1f6f64"]
INK = "#102a27"


def shade_index(count: int, highest: int) -> int:
    if count <= 0 or highest <= 0:
        return 0
    # Counts above zero spread over the four darker shades.
    return 1 + min(3, (count * 4 - 1) // highest)


@dataclass(frozen=True)
class MapArea:
    code: str
    label: str
    path: str
    label_x: float
    label_y: float
    count: int
    fill: str
    text_fill: str
    show_count: bool


@dataclass(frozen=True)
class MapData:
    width: int
    height: int
    borders: str


def map_data() -> MapData:
    data = _data()
    return MapData(data["width"], data["height"], data["borders"])


def shaded_areas(counts: dict[str, int], *, show_counts: bool = True) -> list[MapArea]:
    """Every region, shaded by its count (darker for more) and, if asked, labelled with it."""
    from sanctuary.geography import Region

    highest = max(counts.values(), default=0)
    areas = []
    for area in regions():
        count = counts.get(area.code, 0)
        shade = shade_index(count, highest)
        areas.append(
            MapArea(
                code=area.code,
                label=str(Region(area.code).label),
                path=area.path,
                label_x=area.label_x,
                label_y=area.label_y,
                count=count,
                fill=SHADES[shade],
                text_fill="#ffffff" if shade >= 3 else INK,
                show_count=show_counts,
            )
        )
    return areas
