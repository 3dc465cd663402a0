"""The one place that answers "may this person do this?" for the platform.

Everything is denied unless a rule here grants it. Apps build their own
``visible_to(user)`` querysets on these predicates, and register the relationship
roles they add (group lead, applicant...) with the ``role_labels`` hook so the header
can show them.
"""

from __future__ import annotations

from functools import wraps

from django.contrib.auth import get_user_model
from django.db.models import Exists
from django.http import Http404

from sanctuary import hooks
from sanctuary.models import Role

MFA_ROLES: frozenset[str] = frozenset(
    {Role.NATIONAL_STAFF, Role.ASSESSOR, Role.SAFEGUARDING_COORDINATOR, Role.GUARDIAN}
)


def relationship_roles(user) -> list[tuple[str, str]]:
    """Roles that come from relationships (group lead, applicant...), from the apps' hooks.

    Every app's condition is asked in one query, once per request (the header shows them on
    every page).
    """
    if not is_signed_in(user):
        return []
    if (held := getattr(user, "_relationship_roles", None)) is not None:
        return held
    candidates = hooks.collect("role_labels", user)
    held = []
    if candidates:
        flags = {f"role_{i}": Exists(queryset) for i, (_, _, queryset) in enumerate(candidates)}
        answers = get_user_model().objects.filter(pk=user.pk).annotate(**flags).values_list(*flags).first()
        if answers:
            held = [(label, url) for (label, url, _), holds in zip(candidates, answers, strict=True) if holds]
    user._relationship_roles = held
    return held


def is_signed_in(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def has_role(user, *roles: str) -> bool:
    return is_signed_in(user) and bool(user.staff_roles.intersection(roles))


def is_national_staff(user) -> bool:
    return has_role(user, Role.NATIONAL_STAFF)


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
