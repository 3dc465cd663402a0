"""Extension points that apps fill in from their ``AppConfig.ready()``.

The core never imports an app, and apps do not import each other's views: each app
registers what it contributes to pages owned by others. Known hooks:

``dashboard_panels(request) -> Panel | None``
    A block on a signed-in person's dashboard.
``home_figures() -> list[(label, number, url | None)]``
    Figures on the home page.
``group_sections(group) -> Panel | None``
    A section on a public group page (award holders, council membership...).
``stream_sections(stream, user) -> Panel | None``
    A section on an award stream's page and on its applications' task lists (the stream's
    resource pack), for ``user`` (anonymous or signed in).
``group_figures(group) -> list[(label, number)]``
    Figures in a group lead's workspace (campaign actions, award holders...).
``role_labels(user) -> list[(label, url_name, queryset)]``
    Relationship roles shown in the header (group lead, applicant...): the person holds the
    role when the queryset has a row. Providers only build querysets; the core asks all of them
    at once (``permissions.relationship_roles``), in one query on every signed-in page.
``staff_invitation_accepted(invitation, user) -> None``
    A staff invitation was accepted (inside the accepting transaction): apps record what the
    invitation carried for them (the assessor's lived-experience flag, for awards).
``email_topics() -> list[unsubscribe.Topic]``
    Recurring emails a person can stop with one click (``sanctuary.unsubscribe``): each topic's
    key, what it is called, and the service that stops it for a person.
``sitemaps() -> dict[str, django.contrib.sitemaps.Sitemap]``
    Public pages listed in ``/sitemap.xml`` (see ``sanctuary.sitemaps.SiteSitemap``).
``feeds() -> dict[str, sanctuary.feeds.SiteFeed]``
    Atom feeds at ``/feeds/<name>.atom`` of what the app's public pages already show.
``open_data() -> list[sanctuary.opendata.Dataset]``
    Tables published at ``/data/`` as CSV and JSON in the open data package: only what the
    app's public pages already show.
``api_endpoints() -> list[api.endpoints.Endpoint]``
    Lists served read-only as JSON under ``/api/v1/<name>/`` and described in its OpenAPI
    document: only what the app's public pages already show.
``logos() -> list[sanctuary.logos.StaticLogo]``
    Logos drawn by ``sanctuary.logos`` that ``manage.py logos_build`` writes into the app's static
    files as SVG and PNG.
``key_rotation() -> int``
    Re-encrypt stored data (files, blobs) under the newest key; returns rows done.
``personal_data(user) -> rights.DataSection | None``
    The app's section of "My data": everything it holds about the person, readable and as
    JSON (sanctuary/rights.py). Never another person's data (a guardian sees case references,
    never a returnee's details).
``account_deletion_blockers(user) -> list[str]``
    What must happen before the person can delete their account, in words they can act on
    (the last lead of a group, a guardian in a circle...). Empty when nothing blocks.
``account_erase(user) -> None``
    Inside ``services.account_delete``'s transaction, before the core anonymises the account:
    delete or blank every personal value of the person the app holds; keep what other records
    legally need (they go on pointing at the anonymised account).

Every provider must do a fixed number of queries, whatever the size of the data.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

HOOK_NAMES = frozenset(
    {
        "dashboard_panels",
        "home_figures",
        "group_sections",
        "stream_sections",
        "group_figures",
        "role_labels",
        "key_rotation",
        "logos",
        "email_topics",
        "sitemaps",
        "feeds",
        "open_data",
        "api_endpoints",
        "staff_invitation_accepted",
        "personal_data",
        "account_deletion_blockers",
        "account_erase",
    }
)

_registry: dict[str, list[Callable[..., Any]]] = defaultdict(list)


@dataclass(frozen=True)
class Panel:
    """A block on a page: a template and its context, placed by ``order``."""

    template: str
    context: dict = field(default_factory=dict)
    order: int = 100


def register(name: str):
    """Decorator: ``@hooks.register("group_sections")``."""
    if name not in HOOK_NAMES:
        raise ValueError(f"Unknown hook {name!r}")

    def decorator(provider):
        if provider not in _registry[name]:
            _registry[name].append(provider)
        return provider

    return decorator


def providers(name: str) -> list[Callable[..., Any]]:
    return list(_registry[name])


def panels(name: str, *args) -> list[Panel]:
    found = [panel for provider in _registry[name] if (panel := provider(*args))]
    return sorted(found, key=lambda p: p.order)


def collect(name: str, *args) -> list:
    """Concatenate the lists returned by every provider of ``name``."""
    items: list = []
    for provider in _registry[name]:
        items.extend(provider(*args) or [])
    return items
