"""Extension points the apps fill in from their ``AppConfig.ready()``.

The core never imports an app: each app registers what it contributes to the home
page figures and to a signed-in person's dashboard.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Panel:
    """A block on the dashboard: a template and its context."""

    template: str
    context: dict
    order: int = 100


# (request) -> Panel | None
DashboardProvider = Callable[[object], "Panel | None"]
# () -> list of (label, number, url or None)
HomeFiguresProvider = Callable[[], list[tuple[str, int, str | None]]]

_dashboard: list[DashboardProvider] = []
_home_figures: list[HomeFiguresProvider] = []


def register_dashboard_panel(provider: DashboardProvider) -> DashboardProvider:
    if provider not in _dashboard:
        _dashboard.append(provider)
    return provider


def register_home_figures(provider: HomeFiguresProvider) -> HomeFiguresProvider:
    if provider not in _home_figures:
        _home_figures.append(provider)
    return provider


def dashboard_panels(request) -> list[Panel]:
    panels = [panel for provider in _dashboard if (panel := provider(request))]
    return sorted(panels, key=lambda p: p.order)


def home_figures() -> list[tuple[str, int, str | None]]:
    figures: list[tuple[str, int, str | None]] = []
    for provider in _home_figures:
        figures.extend(provider())
    return figures


# () -> int: re-encrypt stored data (files, blobs) under the newest key; returns rows done.
KeyRotation = Callable[[], int]
_key_rotations: list[KeyRotation] = []


def register_key_rotation(rotation: KeyRotation) -> KeyRotation:
    if rotation not in _key_rotations:
        _key_rotations.append(rotation)
    return rotation


def key_rotations() -> list[KeyRotation]:
    return list(_key_rotations)
