"""What the LA Network holds about a person, and how it goes when they delete their account
(sanctuary/rights.py). Applications and memberships are the councils' and stay."""

from __future__ import annotations

from django.utils.translation import gettext as _

from la_network.models import Application, CouncilContact
from sanctuary import hooks
from sanctuary.rights import DataSection


@hooks.register("account_erase")
def erase(user) -> None:
    CouncilContact.objects.filter(user=user).delete()


@hooks.register("personal_data")
def personal_data(user) -> DataSection:
    return DataSection(
        key="la_network",
        title=_("Local Authority Network"),
        order=50,
        records={
            _("Councils you act for"): [
                {
                    _("Council"): c.local_authority.short_name,
                    _("Role"): c.get_role_display(),
                    _("Verified"): c.verified,
                    _("Since"): c.created_at,
                }
                for c in CouncilContact.objects.filter(user=user)
                .select_related("local_authority")
                .order_by("pk")
            ],
            _("Network applications you started"): [
                {_("Council"): a.local_authority.short_name, _("Status"): a.get_status_display()}
                for a in Application.objects.filter(created_by=user)
                .select_related("local_authority")
                .order_by("pk")
            ],
        },
    )
