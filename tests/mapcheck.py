"""Reading the UK map back out of a page, as a person comparing it with the table would."""

from __future__ import annotations

import html
import re

from shapely.geometry import Polygon
from shapely.ops import unary_union

NUMBER = r"-?(?:\d+\.?\d*|\.\d+)"


def path_polygon(d: str):
    """The area drawn by path data of the form the map uses (M x y, relative l steps, z)."""
    rings = []
    for part in re.findall(r"M[^M]+", d):
        move, _, steps = part.partition("l")
        x, y = (float(v) for v in re.findall(NUMBER, move))
        points = [(x, y)]
        values = [float(v) for v in re.findall(NUMBER, steps.rstrip("z"))]
        for dx, dy in zip(values[::2], values[1::2], strict=True):
            x, y = x + dx, y + dy
            points.append((x, y))
        if len(points) >= 3:
            rings.append(Polygon(points).buffer(0))
    return unary_union(rings)


def map_svg(page: str, map_id: str) -> str:
    start = page.index(f'aria-labelledby="{map_id}-title"')
    return page[start : page.index("</svg>", start)]


def region_paths(svg: str) -> dict[str, tuple[str, str]]:
    """code -> (path data, fill) of every region drawn."""
    found = re.findall(r'<path d="([^"]+)" fill="([^"]+)" data-region="([a-z_]+)"', svg)
    return {code: (html.unescape(d), fill) for d, fill, code in found}


def dots(svg: str) -> list[tuple[float, float, str]]:
    return [
        (float(x), float(y), html.unescape(name))
        for x, y, name in re.findall(r'<circle cx="([\d.]+)" cy="([\d.]+)"[^>]*><title>([^<]*)</title>', svg)
    ]
