"""What the network adds to pages owned by others (each provider: a fixed number of queries)."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from groups.models import Group, GroupMembership
from la_network.models import Application, CouncilContact, Endorsement
from la_network.selectors import applications_visible_to, member_count, members_among
from sanctuary import hooks
from sanctuary.hooks import Panel
from sanctuary.permissions import is_national_staff, is_signed_in


@hooks.register("group_sections")
def group_council_members(group):
    covered = Group.local_authorities.through.objects.filter(group_id=group.pk)
    memberships = members_among(covered.values_list("localauthority_id", flat=True))[:20]
    if not memberships:
        return None
    return Panel(
        template="la_network/panels/group_section.html", context={"memberships": memberships}, order=40
    )


@hooks.register("role_labels")
def council_applicant(user):
    return [(_("Council applicant"), "la_network:apply", CouncilContact.objects.filter(user=user))]


@hooks.register("home_figures")
def member_councils():
    return [(_("member councils"), member_count(), reverse("la_network:register"))]


@hooks.register("dashboard_panels")
def dashboard_panel(request):
    user = request.user
    if not is_signed_in(user):
        return None
    if is_national_staff(user):
        waiting = Application.objects.filter(status__in=Application.AWAITING_STAFF).count()
        return Panel(
            template="la_network/panels/staff_dashboard.html",
            context={"waiting": waiting, "members": member_count()},
            order=30,
        )
    applications = list(
        applications_visible_to(user).filter(local_authority__contacts__user=user).distinct()[:5]
    )
    to_endorse = Endorsement.objects.filter(
        status=Endorsement.Status.REQUESTED,
        group__memberships__user=user,
        group__memberships__role=GroupMembership.Role.LEAD,
    ).count()
    if not applications and not to_endorse:
        return None
    return Panel(
        template="la_network/panels/my_council.html",
        context={"applications": applications, "to_endorse": to_endorse, "today": timezone.localdate()},
        order=30,
    )


@hooks.register("sitemaps")
def sitemaps() -> dict:
    from sanctuary.sitemaps import NamedPages

    return {"la_network": NamedPages(["la_network:register"])}


@hooks.register("open_data")
def open_data() -> list:
    from la_network.opendata import register

    return [register()]


@hooks.register("api_endpoints")
def api_endpoints() -> list:
    from la_network.api import members

    return [members()]


@hooks.register("logos")
def logos():
    from la_network.logos import static_logos

    return static_logos()
