"""The header: who is signed in, their roles, and the parts of the platform they can use."""

from __future__ import annotations

from django.urls import NoReverseMatch, reverse
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
]
_ROLE_LINKS = [
    (_("Returnees"), "returnees:index", (Role.SAFEGUARDING_COORDINATOR, Role.GUARDIAN)),
    (_("Admin"), "admin:index", (Role.NATIONAL_STAFF,)),
]


def _url(name: str) -> str | None:
    try:
        return reverse(name)
    except NoReverseMatch:
        return None


def navigation(request) -> dict:
    user = getattr(request, "user", None)
    public = [(label, url) for label, name in _PUBLIC_LINKS if (url := _url(name))]
    if not is_signed_in(user):
        return {"nav_links": public, "nav_roles": [], "nav_role_links": []}
    staff = [(str(Role(role).label), None) for role in sorted(user.staff_roles)]
    related = [(label, _url(name)) for label, name in relationship_roles(user)]
    role_links = [
        (label, url) for label, name, roles in _ROLE_LINKS if has_role(user, *roles) and (url := _url(name))
    ]
    return {"nav_links": public, "nav_roles": staff + related, "nav_role_links": role_links}
