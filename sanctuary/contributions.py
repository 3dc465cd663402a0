"""The core's own contributions to the dashboard and to a person's data."""

from __future__ import annotations

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.utils.translation import gettext as _

from sanctuary import hooks
from sanctuary.models import AuditEvent, Role, RoleAssignment
from sanctuary.permissions import is_national_staff, requires_mfa
from sanctuary.rights import DataSection


@hooks.register("dashboard_panels")
def account_panel(request):
    user = request.user
    return hooks.Panel(
        template="includes/account_panel.html",
        context={
            "has_totp": Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists(),
            "mfa_required": requires_mfa(user),
        },
        order=999,
    )


@hooks.register("dashboard_panels")
def invitations_panel(request):
    """National staff invite new staff from here (no query: the roles came with the person)."""
    if not is_national_staff(request.user):
        return None
    return hooks.Panel(template="sanctuary/panels/invitations.html", order=90)


@hooks.register("personal_data")
def personal_data(user) -> DataSection:
    """The account itself, its addresses, roles and second factors, and what the person did
    (the audit rows where they are the actor: action names and times)."""
    return DataSection(
        key="account",
        title=_("Your account"),
        order=10,
        records={
            _("Account"): [
                {
                    _("Email address"): user.email,
                    _("Display name"): user.display_name,
                    _("Joined"): user.date_joined,
                    _("Last signed in"): user.last_login,
                    _("Language"): user.get_preferred_language_display(),
                }
            ],
            _("Email addresses"): [
                {_("Email address"): email, _("Verified"): verified, _("Primary"): primary}
                for email, verified, primary in EmailAddress.objects.filter(user=user)
                .order_by("pk")
                .values_list("email", "verified", "primary")
            ],
            _("Roles"): [
                {_("Role"): Role(role).label, _("Granted"): granted_at}
                for role, granted_at in RoleAssignment.objects.filter(user=user)
                .order_by("pk")
                .values_list("role", "granted_at")
            ],
            _("Two-factor authentication"): [
                {_("Method"): kind, _("Set up"): created_at, _("Last used"): last_used_at}
                for kind, created_at, last_used_at in Authenticator.objects.filter(user=user)
                .order_by("pk")
                .values_list("type", "created_at", "last_used_at")
            ],
            _("What you did on the platform"): [
                {_("Action"): action, _("When"): created_at}
                for action, created_at in AuditEvent.objects.filter(actor=user)
                .order_by("created_at", "pk")
                .values_list("action", "created_at")
            ],
        },
    )
