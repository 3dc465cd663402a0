"""Build uk-map.json, the small map of the UK's nations and regions the site draws as SVG.

A developer's script, not run by the site: it needs shapely (a dev dependency) and the two
TopoJSON files named in README.md, kept outside the repository. Run from the repository root:

    .venv/bin/python sanctuary/data/uk_map/build.py GB_TOPO_EER.json NI_TOPO_WPC.json

The regions are projected with ``sanctuary.ukmap.project`` (the site places points with the same
function), simplified, and written as SVG path data with a label point each.
"""

from __future__ import annotations

import itertools
import json
import sys
from pathlib import Path

import shapely
from shapely.geometry import MultiPolygon, Polygon
from shapely.ops import unary_union

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT))

from sanctuary.ukmap import HEIGHT, WIDTH, project  # noqa: E402

OUT = Path(__file__).resolve().parent / "uk-map.json"
TOLERANCE = 1.2  # map units (the map is WIDTH units wide)
MIN_AREA = 2.5  # drop islets smaller than this many square units
EER_REGIONS = {
    "North East": ("north_east", "england"),
    "North West": ("north_west", "england"),
    "Yorkshire and The Humber": ("yorkshire_humber", "england"),
    "East Midlands": ("east_midlands", "england"),
    "West Midlands": ("west_midlands", "england"),
    "Eastern": ("east_of_england", "england"),
    "London": ("london", "england"),
    "South East": ("south_east", "england"),
    "South West": ("south_west", "england"),
    "Scotland": ("scotland", "scotland"),
    "Wales": ("wales", "wales"),
}


def decode(topology: dict, name: str) -> list[tuple[dict, object]]:
    """(properties, shapely geometry) of each geometry of object ``name`` of a TopoJSON file."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)

    def ring(indexes):
        points = []
        for index in indexes:
            part = arcs[index] if index >= 0 else list(reversed(arcs[~index]))
            points.extend(part if not points else part[1:])
        return points

    def polygon(rings):
        return Polygon(ring(rings[0]), [ring(r) for r in rings[1:]])

    out = []
    for geometry in topology["objects"][name]["geometries"]:
        if geometry["type"] == "Polygon":
            geom = polygon(geometry["arcs"])
        else:
            geom = MultiPolygon([polygon(p) for p in geometry["arcs"]])
        out.append((geometry.get("properties", {}), geom.buffer(0)))
    return out


def projected(geom):
    """Projected to map units, with islets too small to see at this size dropped."""
    geom = shapely.transform(geom, lambda coords: [project(lat, lon) for lon, lat in coords])
    kept = [p for p in parts(shapely.make_valid(geom)) if isinstance(p, Polygon) and p.area >= MIN_AREA]
    return MultiPolygon(kept)


def parts(geom):
    """The polygons of a geometry, however nested."""
    if hasattr(geom, "geoms"):
        return [p for g in geom.geoms for p in parts(g)]
    return [geom]


def path(geom) -> str:
    out = []
    for poly in parts(geom):
        if poly.is_empty or poly.area < MIN_AREA:
            continue
        for ring in (poly.exterior, *poly.interiors):
            points = [(round(x * 10), round(y * 10)) for x, y in ring.coords[:-1]]
            if len(points) < 3:
                continue
            out.append(_relative(points) + "z")
    return "".join(out)


def _relative(points: list[tuple[int, int]]) -> str:
    """Path data for points given in tenths of a unit: a move, then short relative lines."""

    def n(v: int) -> str:
        text = f"{v / 10:g}"
        return text.replace("0.", ".", 1) if text.startswith(("0.", "-0.")) else text

    def pair(x: int, y: int) -> str:
        ys = n(y)
        return f"{n(x)}{ys if ys.startswith('-') else ' ' + ys}"

    out = ["M" + pair(*points[0]), "l"]
    for (x0, y0), (x1, y1) in itertools.pairwise(points):
        if (x0, y0) == (x1, y1):
            continue
        step = pair(x1 - x0, y1 - y0)
        out.append(step if step.startswith("-") or out[-1] == "l" else " " + step)
    return "".join(out)


def borders(regions) -> str:
    """The lines where one nation meets another (their coasts are the regions' own edges)."""
    by_nation = {}
    for _code, nation, geom in regions:
        by_nation.setdefault(nation, []).append(geom)
    england = unary_union(by_nation["england"])
    lines = []
    for other in ("wales", "scotland"):
        # England's edge where it runs within a hair of the other nation: floating-point seams
        # make an exact intersection of the two edges come out in pieces.
        shared = england.boundary.intersection(unary_union(by_nation[other]).buffer(0.3))
        merged = shapely.line_merge(shapely.union_all(parts(shared)))
        lines.extend(g.simplify(TOLERANCE) for g in parts(merged) if g.length > 1)
    out = []
    for line in lines:
        points = [(round(x * 10), round(y * 10)) for x, y in line.coords]
        out.append(_relative(points))
    return "".join(out)


def label_point(geom) -> list[float]:
    """A point well inside the region's largest piece, where its number is written."""
    largest = max(parts(geom), key=lambda p: p.area)
    return [round(c, 1) for c in largest.representative_point().coords[0]]


def main(gb_path: str, ni_path: str) -> None:
    regions = []
    for props, geom in decode(json.loads(Path(gb_path).read_text()), "eer"):
        code, nation = EER_REGIONS[props["EER13NM"]]
        regions.append((code, nation, projected(geom)))
    ni = unary_union([g for _p, g in decode(json.loads(Path(ni_path).read_text()), "wpc")])
    regions.append(("northern_ireland", "northern_ireland", projected(ni)))
    # Each region is simplified alone (Douglas-Peucker); at this tolerance the seams between
    # neighbours stay under the width of the line drawn along them. Holes left by the source's
    # slivers are filled.
    simple = []
    for code, nation, geom in regions:
        geom = geom.simplify(TOLERANCE, preserve_topology=True)
        kept = [Polygon(p.exterior) for p in parts(geom) if p.area >= MIN_AREA]
        simple.append((code, nation, MultiPolygon(kept)))
    data = {
        "width": WIDTH,
        "height": HEIGHT,
        "source": "see README.md",
        "regions": [
            {
                "code": code,
                "nation": nation,
                "path": path(geom),
                "label": label_point(geom),
            }
            for code, nation, geom in simple
        ],
        "borders": borders(regions),
    }
    OUT.write_text(json.dumps(data, separators=(",", ":")) + "\n")
    print(f"{OUT}: {OUT.stat().st_size} bytes")


if __name__ == "__main__":
    main(*sys.argv[1:3])
