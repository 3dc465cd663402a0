"""The one place that answers "may this person do this?" for the platform.

Everything is denied unless a rule here grants it. Apps build their own
``visible_to(user)`` querysets on these predicates, and register the relationship
roles they add (group lead, applicant...) with :func:`register_role_provider` so the
header can show them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import wraps

from django.http import Http404

from sanctuary.models import Role

MFA_ROLES: frozenset[str] = frozenset(
    {Role.NATIONAL_STAFF, Role.ASSESSOR, Role.SAFEGUARDING_COORDINATOR, Role.GUARDIAN}
)

# Each provider takes a user and returns (label, url_name) pairs for relationship roles.
RoleProvider = Callable[[object], Iterable[tuple[str, str]]]
_role_providers: list[RoleProvider] = []


def register_role_provider(provider: RoleProvider) -> RoleProvider:
    if provider not in _role_providers:
        _role_providers.append(provider)
    return provider


def relationship_roles(user) -> list[tuple[str, str]]:
    if not is_signed_in(user):
        return []
    roles: list[tuple[str, str]] = []
    for provider in _role_providers:
        roles.extend(provider(user))
    return roles


def is_signed_in(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def has_role(user, *roles: str) -> bool:
    return is_signed_in(user) and bool(user.staff_roles.intersection(roles))


def is_national_staff(user) -> bool:
    return has_role(user, Role.NATIONAL_STAFF)


def is_assessor(user) -> bool:
    return has_role(user, Role.ASSESSOR)


def is_coordinator(user) -> bool:
    return has_role(user, Role.SAFEGUARDING_COORDINATOR)


def is_guardian(user) -> bool:
    return has_role(user, Role.GUARDIAN)


def requires_mfa(user) -> bool:
    return has_role(user, *MFA_ROLES)


def role_required(*roles: str):
    """View decorator: the signed-in user must hold one of ``roles``, else 404.

    404 rather than 403 so that staff-only pages do not advertise themselves.
    """

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not has_role(request.user, *roles):
                raise Http404
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def staff_required(view):
    return role_required(Role.NATIONAL_STAFF)(view)
