"""Round logos drawn from data: text along a ring around an emblem.

The text is laid out from the bundled font's own metrics (``sanctuary/fonts``) and kept inside
a fixed band between the inner ring and the edge of the disc, away from the two separator dots;
the font size is the largest that fits that band and arc. Glyphs become outlines, so the SVG shows
the same everywhere and the PNG (drawn with Pillow from the same outlines) matches it.

``layout`` exposes the geometry (each glyph's ink box, the ring, the dots, the emblem) so tests can
prove that no text touches a shape. ``manage.py logos_build`` writes the static files.
"""

from __future__ import annotations

import io
import math
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from fontTools.misc.transform import Transform
from fontTools.pens.basePen import BasePen
from fontTools.pens.boundsPen import BoundsPen
from fontTools.pens.svgPathPen import SVGPathPen
from fontTools.pens.transformPen import TransformPen
from fontTools.ttLib import TTFont
from PIL import Image, ImageChops, ImageDraw

FONT_PATH = Path(__file__).resolve().parent / "fonts" / "DejaVuSans-Bold-subset.ttf"

SIZE = 240  # the viewBox is SIZE x SIZE
CENTRE = SIZE / 2
R_OUTER = 118  # the coloured disc
EDGE_MARGIN = 5  # text stays this far inside the disc's edge
R_RING = 84  # centre line of the white ring
RING_WIDTH = 3
RING_GAP = 5  # text stays this far outside the ring
R_INNER = R_RING - RING_WIDTH / 2 - 2.5  # the white disc that holds the emblem
BAND_IN = R_RING + RING_WIDTH / 2 + RING_GAP
BAND_OUT = R_OUTER - EDGE_MARGIN
DOT_RADIUS = 3.5
DOT_CLEARANCE = 6  # text keeps this far from a dot's edge
TRACKING = 0.08  # extra space between letters, in ems
WHITE = "#ffffff"


@dataclass(frozen=True)
class LogoSpec:
    top: str  # along the top of the ring, read clockwise
    bottom: str  # along the bottom, read left to right
    label: str  # the accessible name (SVG <title>)
    colour: str  # the disc; white text sits on it
    accent: str = "#e9a23b"


@dataclass(frozen=True)
class StaticLogo:
    """A logo kept in an app's static files as ``<path>.svg`` and ``<path>.png``."""

    path: Path  # without the suffix
    spec: LogoSpec


@dataclass
class Layout:
    """Everything drawn, in viewBox units (y down)."""

    spec: LogoSpec
    font_size: float
    glyph_paths: list[str] = field(default_factory=list)  # SVG path data, one per glyph
    glyph_contours: list[list[list[tuple[float, float]]]] = field(default_factory=list)
    glyph_boxes: list[list[tuple[float, float]]] = field(default_factory=list)  # rotated ink boxes
    dots: list[tuple[float, float, float]] = field(default_factory=list)  # (x, y, r)
    emblem: list[tuple[str, list[tuple[float, float]]]] = field(default_factory=list)  # (fill, polygon)


# --- font -----------------------------------------------------------------------------------


@cache
def _font() -> TTFont:
    return TTFont(FONT_PATH)


def _glyph_name(char: str) -> str:
    cmap = _font().getBestCmap()
    return cmap.get(ord(char)) or cmap[ord("?")]


@cache
def _ink(name: str) -> tuple[float, float, float, float] | None:
    pen = BoundsPen(_font().getGlyphSet())
    _font().getGlyphSet()[name].draw(pen)
    return pen.bounds


def _advance(name: str) -> float:
    return _font()["hmtx"][name][0]


class _FlattenPen(BasePen):
    """Collects outlines as polygons, curves cut into short straight pieces (for Pillow)."""

    STEPS = 8

    def __init__(self, glyph_set):
        super().__init__(glyph_set)
        self.contours: list[list[tuple[float, float]]] = []

    def _moveTo(self, pt):
        self.contours.append([pt])

    def _lineTo(self, pt):
        self.contours[-1].append(pt)

    def _curveToOne(self, p1, p2, p3):
        p0 = self.contours[-1][-1]
        for i in range(1, self.STEPS + 1):
            t = i / self.STEPS
            u = 1 - t
            self.contours[-1].append(
                (
                    u**3 * p0[0] + 3 * u * u * t * p1[0] + 3 * u * t * t * p2[0] + t**3 * p3[0],
                    u**3 * p0[1] + 3 * u * u * t * p1[1] + 3 * u * t * t * p2[1] + t**3 * p3[1],
                )
            )

    def _qCurveToOne(self, p1, p2):
        p0 = self.contours[-1][-1]
        for i in range(1, self.STEPS + 1):
            t = i / self.STEPS
            u = 1 - t
            self.contours[-1].append(
                (
                    u * u * p0[0] + 2 * u * t * p1[0] + t * t * p2[0],
                    u * u * p0[1] + 2 * u * t * p1[1] + t * t * p2[1],
                )
            )

    def _closePath(self):
        pass

    def _endPath(self):
        pass


# --- layout ---------------------------------------------------------------------------------


def _dot_angles() -> tuple[float, float]:
    return (math.pi / 2, 3 * math.pi / 2)  # 3 and 9 o'clock, clockwise from 12


def _max_span(r_mid: float) -> float:
    """The arc (radians) a text may take: the half circle less room for a dot on each side."""
    clear = math.asin(min(1.0, (DOT_RADIUS + DOT_CLEARANCE) / r_mid))
    return math.pi - 2 * clear - 0.12


def _place(text: str, *, top: bool, scale: float):
    """Transforms placing each glyph of ``text`` at ``scale`` (px per font unit); None when the
    text does not fit its band and arc at that scale."""
    names = [_glyph_name(c) for c in text]
    upm = _font()["head"].unitsPerEm
    inks = [_ink(n) for n in names]
    y_min = min((b[1] for b in inks if b), default=0)
    y_max = max((b[3] for b in inks if b), default=0)
    height = (y_max - y_min) * scale
    if height > BAND_OUT - BAND_IN:
        return None
    band_mid = (BAND_IN + BAND_OUT) / 2
    # Baseline radius that centres the ink in the band (outward is "up" on top, "down" below).
    outward = 1 if top else -1
    baseline = band_mid - outward * (y_max + y_min) / 2 * scale
    r_mid = band_mid
    track = TRACKING * upm
    advances = [_advance(n) + track for n in names]
    width = (sum(advances) - track) * scale
    if width / r_mid > _max_span(r_mid):
        return None
    placed = []
    x = 0.0
    for name, adv in zip(names, advances, strict=True):
        own = adv - track
        centre = (x + own / 2) * scale / r_mid - width / (2 * r_mid)
        t = Transform().translate(CENTRE, CENTRE).rotate(outward * centre).translate(0, -outward * baseline)
        t = t.scale(scale, -scale).translate(-own / 2, 0)
        placed.append((name, t))
        x += adv
    return placed


def _fit(text: str, *, top: bool):
    upm = _font()["head"].unitsPerEm
    scale = (BAND_OUT - BAND_IN) / upm  # start too big; shrink until it fits
    while scale > 0:
        placed = _place(text, top=top, scale=scale)
        if placed is not None:
            return placed, scale * upm
        scale *= 0.97
    raise ValueError("text cannot be placed")  # pragma: no cover - an empty band only


def _emblem(spec: LogoSpec) -> list[tuple[str, list[tuple[float, float]]]]:
    """A house (welcome) holding a heart, inside the white disc."""
    c = CENTRE
    house = [
        (c, c - 52),
        (c + 50, c - 6),
        (c + 36, c - 6),
        (c + 36, c + 46),
        (c - 36, c + 46),
        (c - 36, c - 6),
        (c - 50, c - 6),
    ]
    heart = []
    for i in range(48):
        t = 2 * math.pi * i / 48
        x = 16 * math.sin(t) ** 3
        y = -(13 * math.cos(t) - 5 * math.cos(2 * t) - 2 * math.cos(3 * t) - math.cos(4 * t))
        heart.append((round(c + x * 1.45, 2), round(c + 18 + y * 1.45, 2)))
    return [(spec.colour, house), (spec.accent, heart)]


def layout(spec: LogoSpec) -> Layout:
    sizes = []
    result = Layout(spec=spec, font_size=0)
    glyph_set = _font().getGlyphSet()
    for text, top in ((spec.top.upper(), True), (spec.bottom.upper(), False)):
        placed, size = _fit(text, top=top)
        sizes.append(size)
        for name, t in placed:
            svg = SVGPathPen(glyph_set, ntos=lambda v: f"{v:.2f}".rstrip("0").rstrip("."))
            glyph_set[name].draw(TransformPen(svg, t))
            flat = _FlattenPen(glyph_set)
            glyph_set[name].draw(TransformPen(flat, t))
            if not flat.contours:
                continue  # a space
            result.glyph_paths.append(svg.getCommands())
            result.glyph_contours.append(flat.contours)
            x0, y0, x1, y1 = _ink(name)
            result.glyph_boxes.append([t.transformPoint(p) for p in ((x0, y0), (x1, y0), (x1, y1), (x0, y1))])
    result.font_size = min(sizes)
    r_dot = (BAND_IN + BAND_OUT) / 2
    for angle in _dot_angles():
        result.dots.append((CENTRE + r_dot * math.sin(angle), CENTRE - r_dot * math.cos(angle), DOT_RADIUS))
    result.emblem = _emblem(spec)
    return result


# --- output ---------------------------------------------------------------------------------


def _n(v: float) -> str:
    return f"{v:.2f}".rstrip("0").rstrip(".")


def render_svg(spec: LogoSpec) -> str:
    lay = layout(spec)
    c = _n(CENTRE)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {SIZE} {SIZE}" width="{SIZE}" height="{SIZE}" '
        f'role="img" aria-labelledby="logo-title">',
        f'<title id="logo-title">{escape(spec.label)}</title>',
        f'<circle cx="{c}" cy="{c}" r="{R_OUTER}" fill={quoteattr(spec.colour)}/>',
        f'<circle cx="{c}" cy="{c}" r="{R_RING}" fill="none" stroke="{WHITE}" stroke-width="{RING_WIDTH}"/>',
        f'<circle cx="{c}" cy="{c}" r="{_n(R_INNER)}" fill="{WHITE}"/>',
    ]
    for fill, polygon in lay.emblem:
        d = "M" + " L".join(f"{_n(x)} {_n(y)}" for x, y in polygon) + " Z"
        parts.append(f"<path d={quoteattr(d)} fill={quoteattr(fill)}/>")
    for x, y, r in lay.dots:
        parts.append(f'<circle cx="{_n(x)}" cy="{_n(y)}" r="{_n(r)}" fill="{WHITE}"/>')
    parts.append(f'<path d="{"".join(lay.glyph_paths)}" fill="{WHITE}"/>')
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


def _rgb(colour: str) -> tuple[int, int, int]:
    colour = colour.lstrip("#")
    return tuple(int(colour[i : i + 2], 16) for i in (0, 2, 4))


def _circle(draw: ImageDraw.ImageDraw, k: float, r: float, **kwargs) -> None:
    draw.ellipse([(CENTRE - r) * k, (CENTRE - r) * k, (CENTRE + r) * k, (CENTRE + r) * k], **kwargs)


def text_mask(lay: Layout, px: int, supersample: int = 4) -> Image.Image:
    """The text alone, as a 1-bit mask at ``px`` x ``px`` times ``supersample``."""
    k = px * supersample / SIZE
    mask = Image.new("1", (px * supersample,) * 2, 0)
    for contours in lay.glyph_contours:
        for contour in contours:
            shape = Image.new("1", mask.size, 0)
            ImageDraw.Draw(shape).polygon([(x * k, y * k) for x, y in contour], fill=1)
            mask = ImageChops.logical_xor(mask, shape)  # even-odd: counters stay open
    return mask


def keep_out_mask(lay: Layout, px: int, supersample: int = 4) -> Image.Image:
    """Where text must never be: outside the disc, the ring and all within it, and the dots."""
    k = px * supersample / SIZE
    mask = Image.new("1", (px * supersample,) * 2, 1)
    draw = ImageDraw.Draw(mask)
    _circle(draw, k, R_OUTER - 1, fill=0)
    _circle(draw, k, R_RING + RING_WIDTH / 2, fill=1)
    for x, y, r in lay.dots:
        draw.ellipse([(x - r) * k, (y - r) * k, (x + r) * k, (y + r) * k], fill=1)
    return mask


def render_png(spec: LogoSpec, px: int = 512, supersample: int = 4) -> bytes:
    lay = layout(spec)
    big = px * supersample
    k = big / SIZE
    image = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    _circle(draw, k, R_OUTER, fill=_rgb(spec.colour))
    _circle(draw, k, R_RING + RING_WIDTH / 2, fill=_rgb(WHITE))
    _circle(draw, k, R_RING - RING_WIDTH / 2, fill=_rgb(spec.colour))
    _circle(draw, k, R_INNER, fill=_rgb(WHITE))
    for fill, polygon in lay.emblem:
        draw.polygon([(x * k, y * k) for x, y in polygon], fill=_rgb(fill))
    for x, y, r in lay.dots:
        draw.ellipse([(x - r) * k, (y - r) * k, (x + r) * k, (y + r) * k], fill=_rgb(WHITE))
    image.paste((*_rgb(WHITE), 255), None, text_mask(lay, px, supersample))
    image = image.resize((px, px), Image.Resampling.LANCZOS)
    # A 64-colour palette keeps the anti-aliased edges and makes the file five times smaller.
    image = image.quantize(colors=64, method=Image.Quantize.FASTOCTREE)
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def write_static(logo: StaticLogo) -> list[Path]:
    """Write ``logo`` as SVG and PNG; returns the files written."""
    logo.path.parent.mkdir(parents=True, exist_ok=True)
    svg, png = logo.path.with_suffix(".svg"), logo.path.with_suffix(".png")
    svg.write_text(render_svg(logo.spec), encoding="utf-8")
    png.write_bytes(render_png(logo.spec))
    return [svg, png]
