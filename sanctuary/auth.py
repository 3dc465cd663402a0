"""Authentication backends that load the signed-in person together with their staff roles.

Every request of a signed-in person needs both: the person (Django's session check) and their
roles (MFA, the header, every access decision). Loaded together they cost one query, not two.
The roles are read fresh on every request, never kept between requests: revoking one takes
effect at once.
"""

from __future__ import annotations

from allauth.account.auth_backends import AuthenticationBackend as AllauthBackend
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend as DjangoModelBackend
from django.db.models import OuterRef, StringAgg, Subquery, Value

ROLE_SEPARATOR = ","


def user_with_roles(user_id):
    from sanctuary.models import RoleAssignment

    roles = (
        RoleAssignment.objects.filter(user=OuterRef("pk"))
        .order_by()
        .values("user")
        .annotate(joined=StringAgg("role", Value(ROLE_SEPARATOR)))
        .values("joined")
    )
    found = list(get_user_model()._default_manager.filter(pk=user_id).annotate(role_list=Subquery(roles))[:1])
    return found[0] if found else None


class _WithRoles:
    def get_user(self, user_id):
        user = user_with_roles(user_id)
        return user if user is not None and self.user_can_authenticate(user) else None


class ModelBackend(_WithRoles, DjangoModelBackend):
    pass


class AuthenticationBackend(_WithRoles, AllauthBackend):
    pass
