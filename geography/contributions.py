"""What the geography register adds to others' pages: local figures counted from postcodes."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from geography.selectors import counts_by_area
from sanctuary import hooks
from sanctuary.hooks import Panel
from sanctuary.permissions import is_national_staff, is_signed_in


def _signatures():
    from groups.models import CharterSignature

    return CharterSignature.objects.filter(confirmed_at__isnull=False)


def _actions():
    from campaigns.models import Action

    return Action.objects.all()


@hooks.register("group_figures")
def group_area_figures(group):
    """Signatures and actions whose postcode lies in a council the group covers (2 queries)."""
    councils = list(group.local_authorities.exclude(gss_code="").values_list("gss_code", flat=True))
    if not councils:
        return []
    return [
        (
            _("Charter signatures in the councils covered (by postcode)"),
            _signatures().filter(council_gss__in=councils).count(),
        ),
        (
            _("Campaign actions in the councils covered (by postcode)"),
            _actions().filter(council_gss__in=councils).count(),
        ),
    ]


@hooks.register("dashboard_panels")
def area_figures_panel(request):
    """National staff see every council and constituency; a group lead those of the councils
    their groups cover."""
    from groups.models import Group, GroupMembership

    user = request.user
    if not is_signed_in(user):
        return None
    signatures, actions = _signatures(), _actions()
    if not is_national_staff(user):
        led = GroupMembership.objects.filter(user=user, role=GroupMembership.Role.LEAD).values("group_id")
        councils = list(
            Group.local_authorities.through.objects.filter(group_id__in=led)
            .exclude(localauthority__gss_code="")
            .values_list("localauthority__gss_code", flat=True)
        )
        if not councils:
            return None
        signatures = signatures.filter(council_gss__in=councils)
        actions = actions.filter(council_gss__in=councils)
    return Panel(
        template="geography/panels/area_figures.html",
        context={"tables": _tables(signatures, actions)},
        order=60,
    )


def _tables(signatures, actions) -> list[tuple]:
    signed = counts_by_area(signatures, council_field="council_gss", constituency_field="constituency_code")
    acted = counts_by_area(actions, council_field="council_gss", constituency_field="constituency_code")
    return [
        (_("Charter signatures by council"), signed["councils"]),
        (_("Charter signatures by constituency"), signed["constituencies"]),
        (_("Campaign actions by council"), acted["councils"]),
        (_("Campaign actions by constituency"), acted["constituencies"]),
    ]
