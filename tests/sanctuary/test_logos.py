"""Logos: the text never touches the ring, the dots, the emblem or the edge, in the geometry and
in the rendered PNG; the committed files are what the generator draws today."""

from __future__ import annotations

import io
import itertools
import math
import xml.etree.ElementTree as ET

import pytest
from django.core.management import call_command
from PIL import Image, ImageChops
from shapely.geometry import Point, Polygon

from awards.logos import spec_for
from sanctuary import hooks, logos

STATIC_LOGOS = hooks.collect("logos")
LONGEST = spec_for(slug="x", award_title="Community interpreting and befriending service of Sanctuary")


def _ids(logo):
    return logo.path.name


def test_every_stream_and_the_network_have_a_logo():
    from awards.streams_data import STREAMS

    names = {logo.path.name for logo in STATIC_LOGOS}
    assert {s["slug"] for s in STREAMS} <= names
    assert "member-logo" in names
    # Stream-specific: each stream's title is on its own logo.
    bottoms = {logo.spec.bottom for logo in STATIC_LOGOS}
    assert {s["award_title"] for s in STREAMS} <= bottoms


@pytest.mark.parametrize("spec", [logo.spec for logo in STATIC_LOGOS] + [LONGEST], ids=lambda s: s.bottom)
def test_text_boxes_keep_clear_of_every_shape(spec):
    lay = logos.layout(spec)
    boxes = [Polygon(box) for box in lay.glyph_boxes]
    assert len(boxes) == sum(1 for c in spec.top + spec.bottom if not c.isspace())
    centre = Point(logos.CENTRE, logos.CENTRE)
    ring_and_inside = centre.buffer(logos.R_RING + logos.RING_WIDTH / 2, 256)
    disc = centre.buffer(logos.R_OUTER, 256)
    dots = [Point(x, y).buffer(r) for x, y, r in lay.dots]
    emblem = [Polygon(polygon) for _fill, polygon in lay.emblem]
    for box in boxes:
        assert box.distance(ring_and_inside) >= logos.RING_GAP - 0.01
        assert disc.exterior.distance(box) >= logos.EDGE_MARGIN - 0.5 and disc.contains(box)
        assert all(box.distance(dot) >= logos.DOT_CLEARANCE - 0.01 for dot in dots)
        assert not any(box.intersects(shape) for shape in emblem)
    # Boxes of neighbouring letters do not run into each other either.
    for a, b in itertools.pairwise(boxes):
        assert a.intersection(b).area < 0.5
    if spec is not LONGEST:
        assert lay.font_size >= 8  # still readable at 240 px (an extreme title only shrinks)


@pytest.mark.parametrize("spec", [logo.spec for logo in STATIC_LOGOS] + [LONGEST], ids=lambda s: s.bottom)
def test_rendered_text_pixels_never_fall_on_a_shape(spec):
    lay = logos.layout(spec)
    text = logos.text_mask(lay, 256, supersample=2)
    keep_out = logos.keep_out_mask(lay, 256, supersample=2)
    assert text.getbbox() is not None  # there is text to check
    assert ImageChops.logical_and(text, keep_out).getbbox() is None


@pytest.mark.parametrize("logo", STATIC_LOGOS, ids=_ids)
def test_committed_files_are_current_and_well_formed(logo):
    svg = logo.path.with_suffix(".svg").read_text(encoding="utf-8")
    assert svg == logos.render_svg(logo.spec), "run manage.py logos_build"
    root = ET.fromstring(svg)  # noqa: S314 - our own generated file
    assert root.get("role") == "img"
    assert root.find("{http://www.w3.org/2000/svg}title").text == logo.spec.label
    png = Image.open(io.BytesIO(logo.path.with_suffix(".png").read_bytes()))
    assert png.size == (512, 512)
    assert logo.path.with_suffix(".png").stat().st_size < 60_000
    # The corners are transparent and the disc is the logo's colour.
    rgba = png.convert("RGBA")
    assert rgba.getpixel((2, 2))[3] == 0
    edge = rgba.getpixel((256, 12))[:3]
    wanted = tuple(int(logo.spec.colour[i : i + 2], 16) for i in (1, 3, 5))
    assert math.dist(edge, wanted) < 12


def test_logos_build_writes_svg_and_png(tmp_path, monkeypatch):
    spec = spec_for(slug="libraries", award_title="Library of Sanctuary")
    target = logos.StaticLogo(tmp_path / "nested" / "library", spec)
    monkeypatch.setattr(hooks, "collect", lambda name: [target] if name == "logos" else [])
    out = io.StringIO()
    call_command("logos_build", stdout=out)
    assert (tmp_path / "nested" / "library.svg").read_text() == logos.render_svg(spec)
    assert Image.open(tmp_path / "nested" / "library.png").format == "PNG"
    assert "library.png" in out.getvalue()
