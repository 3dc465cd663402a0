"""A tile cartogram of the UK's twelve regions, drawn on the server as SVG.

Each region is one equal square placed roughly where it lies, so small regions (London)
are as readable as large ones and no map tiles are fetched from anywhere.
"""

from __future__ import annotations

from dataclasses import dataclass

from sanctuary.geography import Region

TILE = 92
GAP = 6

# (column, row) of each region on a 4 x 5 grid.
POSITIONS: dict[str, tuple[int, int]] = {
    Region.SCOTLAND: (1, 0),
    Region.NORTHERN_IRELAND: (0, 1),
    Region.NORTH_EAST: (2, 1),
    Region.NORTH_WEST: (1, 2),
    Region.YORKSHIRE: (2, 2),
    Region.WALES: (0, 3),
    Region.WEST_MIDLANDS: (1, 3),
    Region.EAST_MIDLANDS: (2, 3),
    Region.EAST: (3, 3),
    Region.SOUTH_WEST: (1, 4),
    Region.SOUTH_EAST: (2, 4),
    Region.LONDON: (3, 4),
}
# Five shades of the site's teal, lightest for none.
SHADES = ["#eef5f4", "#c6e2dd", "#8fc5bc", "#4f9e92", "#1f6f64"]
SHORT_LABELS = {
    Region.YORKSHIRE: "Yorks & Humber",
    Region.EAST: "East of England",
    Region.NORTHERN_IRELAND: "N. Ireland",
}


@dataclass(frozen=True)
class Tile:
    code: str
    label: str
    short_label: str
    count: int
    x: int
    y: int
    fill: str
    text_fill: str

    @property
    def label_x(self) -> int:
        return self.x + TILE // 2

    @property
    def name_y(self) -> int:
        return self.y + TILE // 2 - 6

    @property
    def count_y(self) -> int:
        return self.y + TILE // 2 + 18


def shade_index(count: int, highest: int) -> int:
    if count <= 0 or highest <= 0:
        return 0
    # Counts above zero spread over the four darker shades.
    return 1 + min(3, (count * 4 - 1) // highest)


def tiles(counts: dict[str, int]) -> list[Tile]:
    highest = max(counts.values(), default=0)
    result = []
    for region in Region:
        column, row = POSITIONS[region]
        count = counts.get(region.value, 0)
        shade = shade_index(count, highest)
        result.append(
            Tile(
                code=region.value,
                label=str(region.label),
                short_label=str(SHORT_LABELS.get(region, region.label)),
                count=count,
                x=column * (TILE + GAP),
                y=row * (TILE + GAP),
                fill=SHADES[shade],
                text_fill="#ffffff" if shade >= 3 else "#102a27",
            )
        )
    return result


WIDTH = 4 * (TILE + GAP) - GAP
HEIGHT = 5 * (TILE + GAP) - GAP
