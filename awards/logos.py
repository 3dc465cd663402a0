"""The award logos: one for each stream, drawn from the stream's award title.

Each stream of the starting set (``streams_data.STREAMS``) has its own colour and a logo kept in
static files (``manage.py logos_build``); a stream added later in the admin is drawn on request
from its title (``stream_logo``) until the files are built again.
"""

from __future__ import annotations

from pathlib import Path

from django.contrib.staticfiles import finders

from awards.streams_data import STREAMS
from sanctuary.logos import LogoSpec, StaticLogo, render_png, render_svg

STATIC_DIR = Path(__file__).resolve().parent / "static" / "awards" / "logos"
DEFAULT_COLOUR = "#1d5c63"
# Dark enough for white text (contrast above 7:1 for each).
STREAM_COLOURS = {
    "schools": "#1d5c63",
    "universities": "#24486b",
    "colleges": "#3f3f8f",
    "libraries": "#5a3d7a",
    "health": "#0f5e55",
    "maternity": "#7a1f5c",
    "theatres-arts": "#8a2f1c",
    "faith": "#5c4a12",
    "sport": "#245c2a",
    "shops": "#6b2f4a",
    "councils": "#2e4a5c",
}


def spec_for(*, slug: str, award_title: str) -> LogoSpec:
    return LogoSpec(
        top="City of Sanctuary",
        bottom=award_title,
        label=f"{award_title}: a City of Sanctuary award",
        colour=STREAM_COLOURS.get(slug, DEFAULT_COLOUR),
    )


def static_logos() -> list[StaticLogo]:
    logos = [
        StaticLogo(STATIC_DIR / s["slug"], spec_for(slug=s["slug"], award_title=s["award_title"]))
        for s in STREAMS
    ]
    logos.append(StaticLogo(STATIC_DIR / "award", spec_for(slug="", award_title="Sanctuary Award")))
    return logos


def static_name(slug: str, kind: str) -> str | None:
    """The static path of a stream's built logo (``kind`` is "svg" or "png"), if there is one."""
    name = f"awards/logos/{slug}.{kind}"
    return name if finders.find(name) else None


def stream_logo(stream, kind: str) -> bytes:
    """The logo of ``stream`` as SVG or PNG bytes: the built file, or drawn now from its title."""
    name = static_name(stream.slug, kind)
    if name:
        with open(finders.find(name), "rb") as handle:
            return handle.read()
    spec = spec_for(slug=stream.slug, award_title=stream.award_title)
    return render_svg(spec).encode() if kind == "svg" else render_png(spec)
