"""State changes of the core: accounts and the staff roles people hold, each audited.

Views, the Django admin, allauth's adapter and management commands call these; none of them
creates a person or changes a role on its own.

Roles are granted and revoked idempotently: granting a role the person already holds, or
revoking one they do not hold, changes nothing, writes no audit row and returns quietly (the
admin saves a whole form at once, and an invitation may be accepted by someone who already
holds the role; neither is an error a person could act on).
"""

from __future__ import annotations

from allauth.account.models import EmailAddress
from django.db import transaction

from sanctuary.audit import audit_record
from sanctuary.models import Role, RoleAssignment, User


def _roles_changed(user: User) -> None:
    # staff_roles is cached on the instance; whoever holds this one sees the change at once.
    user.__dict__.pop("staff_roles", None)
    user.__dict__.pop("role_list", None)


@transaction.atomic
def role_grant(*, user: User, role: str, actor: User | None, request=None) -> RoleAssignment:
    """Give ``user`` the staff ``role``, recording who granted it. Quiet when already held."""
    role = Role(role)
    assignment, created = RoleAssignment.objects.get_or_create(
        user=user, role=role, defaults={"granted_by": actor if getattr(actor, "pk", None) else None}
    )
    if created:
        audit_record(
            actor=actor,
            action="role.grant",
            obj=user,
            detail={"role": role.value},
            request=request,
        )
        _roles_changed(user)
    return assignment


@transaction.atomic
def role_revoke(*, user: User, role: str, actor: User | None, request=None) -> bool:
    """Take the staff ``role`` away from ``user``. Returns False, quietly, when not held."""
    role = Role(role)
    deleted, _ = RoleAssignment.objects.filter(user=user, role=role).delete()
    if deleted:
        audit_record(
            actor=actor,
            action="role.revoke",
            obj=user,
            detail={"role": role.value},
            request=request,
        )
        _roles_changed(user)
    return bool(deleted)


@transaction.atomic
def account_sign_up(
    *,
    email: str,
    display_name: str,
    password: str | None,
    email_verified: bool = False,
    request=None,
) -> User:
    """Create a person's account (allauth's sign-up page and staff invitations both come here).

    ``email_verified``: the address was proved by an emailed link we sent (a staff invitation),
    so its allauth record is created verified. Without it, allauth records the address itself
    and sends its verification email.
    """
    user = User.objects.create_user(email=email.strip(), password=password, display_name=display_name.strip())
    if email_verified:
        EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    audit_record(
        actor=user,
        action="account.sign_up",
        obj=user,
        detail={"email_verified": email_verified},
        request=request,
    )
    return user
