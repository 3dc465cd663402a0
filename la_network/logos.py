"""The Local Authority Network member logo, kept in static files (``manage.py logos_build``)."""

from __future__ import annotations

from pathlib import Path

from sanctuary.logos import LogoSpec, StaticLogo

STATIC_PATH = Path(__file__).resolve().parent / "static" / "la_network" / "member-logo"

MEMBER_LOGO = LogoSpec(
    top="City of Sanctuary",
    bottom="Local Authority Network member",
    label="City of Sanctuary Local Authority Network member",
    colour="#7a1f5c",
)


def static_logos() -> list[StaticLogo]:
    return [StaticLogo(STATIC_PATH, MEMBER_LOGO)]
