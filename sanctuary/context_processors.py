"""The header: who is signed in, their roles, and the parts of the platform they can use."""

from __future__ import annotations

import time

from django.conf import settings
from django.urls import NoReverseMatch, reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from sanctuary.models import Role
from sanctuary.permissions import has_role, is_signed_in, relationship_roles

# (label, url name, roles that see it; empty = everyone)
_PUBLIC_LINKS = [
    (_("Groups"), "groups:directory"),
    (_("Charter"), "charter:sign"),
    (_("Awards"), "awards:index"),
    (_("Local Authority Network"), "la_network:register"),
    (_("Campaigns"), "campaigns:index"),
    (_("What's on"), "events:whats_on"),
    (_("Resources"), "resources:library"),
]
_ROLE_LINKS = [
    (_("Returnees"), "returnees:index", (Role.SAFEGUARDING_COORDINATOR, Role.GUARDIAN)),
    (_("Invitations"), "staff_invitations", (Role.NATIONAL_STAFF,)),
    (_("Library"), "resources:staff_list", (Role.NATIONAL_STAFF,)),
    (_("System status"), "system_status", (Role.NATIONAL_STAFF,)),
    (_("Admin"), "admin:index", (Role.NATIONAL_STAFF,)),
]


def _url(name: str) -> str | None:
    try:
        return reverse(name)
    except NoReverseMatch:
        return None


# The header's relationship roles (group lead, applicant...) are kept in the session for a
# minute: asking every app on every page cost as much as rendering a whole simple page, and a
# label that appears a minute late decides nothing (each view checks access for itself).
HEADER_ROLES_SECONDS = 60
_HEADER_ROLES_KEY = "header_roles"


def _header_roles(request) -> list[tuple[str, str]]:
    user, session = request.user, getattr(request, "session", None)
    if session is None:
        return [(str(label), name) for label, name in relationship_roles(user)]
    saved = session.get(_HEADER_ROLES_KEY)
    now, language = int(time.time()), get_language()
    if (
        saved
        and saved["user"] == user.pk
        and saved.get("language") == language
        and 0 <= now - saved["at"] < HEADER_ROLES_SECONDS
    ):
        return [tuple(role) for role in saved["roles"]]
    roles = [(str(label), name) for label, name in relationship_roles(user)]
    session[_HEADER_ROLES_KEY] = {"user": user.pk, "at": now, "language": language, "roles": roles}
    return roles


def navigation(request) -> dict:
    user = getattr(request, "user", None)
    public = [(label, url) for label, name in _PUBLIC_LINKS if (url := _url(name))]
    if not is_signed_in(user):
        return {"nav_links": public, "nav_roles": [], "nav_role_links": []}
    staff = [(str(Role(role).label), None) for role in sorted(user.staff_roles)]
    related = [(label, _url(name)) for label, name in _header_roles(request)]
    role_links = [
        (label, url) for label, name, roles in _ROLE_LINKS if has_role(user, *roles) and (url := _url(name))
    ]
    return {"nav_links": public, "nav_roles": staff + related, "nav_role_links": role_links}


def site(request) -> dict:
    """The platform's public address, for canonical links and Open Graph tags (no query)."""
    return {"site_url": settings.SITE_URL}
