"""The core's own contributions to the dashboard."""

from __future__ import annotations

from allauth.mfa.models import Authenticator

from sanctuary import hooks
from sanctuary.permissions import is_national_staff, requires_mfa


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
