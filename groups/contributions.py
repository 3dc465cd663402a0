"""What groups adds to pages owned by the core: header roles, home figures, dashboard."""

from __future__ import annotations

from django.db.models import Count, QuerySet
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from groups import selectors
from groups.models import GroupApplication, GroupMembership, Organisation, OrganisationPledge
from sanctuary import hooks
from sanctuary.hooks import Panel
from sanctuary.permissions import is_national_staff, is_signed_in
from sanctuary.unsubscribe import Topic


@hooks.register("role_labels")
def role_labels(user) -> list[tuple[str, str, QuerySet]]:
    return [
        (
            _("Group lead"),
            "dashboard",
            GroupMembership.objects.filter(user=user, role=GroupMembership.Role.LEAD),
        )
    ]


@hooks.register("home_figures")
def home_figures() -> list[tuple[str, int, str | None]]:
    counts = selectors.public_counts()
    return [
        (_("local groups"), counts["groups"], reverse("groups:directory")),
        (_("charter signatures"), counts["signatures"], reverse("charter:sign")),
        (_("supporting organisations"), counts["organisations"], reverse("charter:organisations")),
    ]


@hooks.register("dashboard_panels")
def my_groups_panel(request) -> Panel | None:
    user = request.user
    if not is_signed_in(user):
        return None
    memberships = list(
        GroupMembership.objects.filter(user=user)
        .select_related("group")
        .annotate(member_count=Count("group__memberships"))
        .order_by("group__name")[:20]
    )
    supported = list(
        Organisation.objects.filter(
            contacts__user=user, pledge__status=OrganisationPledge.Status.APPROVED
        ).order_by("name")[:10]
    )
    pending = (
        GroupApplication.objects.filter(status=GroupApplication.Status.PENDING).count()
        if is_national_staff(user)
        else None
    )
    return Panel(
        template="groups/panels/my_groups.html",
        context={
            "memberships": memberships,
            "organisations": supported,
            "pending_applications": pending,
            "is_staff": is_national_staff(user),
        },
        order=10,
    )


@hooks.register("email_topics")
def email_topics() -> list[Topic]:
    from groups import services

    def stop(*, user, request=None) -> None:
        services.digest_preference_set(user=user, weekly_digest=False, request=request)

    return [Topic(services.DIGEST_TOPIC, _("the weekly digest of the groups you lead"), stop)]


@hooks.register("sitemaps")
def sitemaps() -> dict:
    from sanctuary.sitemaps import NamedPages, SiteSitemap

    class GroupPages(SiteSitemap):
        changefreq = "weekly"

        def items(self):
            return selectors.public_groups().order_by("pk").only("slug")

        def location(self, group):
            return reverse("groups:detail", args=[group.slug])

    return {"groups": NamedPages(["groups:directory", "charter:sign"]), "group_pages": GroupPages()}


@hooks.register("feeds")
def feeds() -> dict:
    from groups.feeds import NewGroups

    return {"groups": NewGroups()}


@hooks.register("open_data")
def open_data() -> list:
    from groups.opendata import directory

    return [directory()]


@hooks.register("api_endpoints")
def api_endpoints() -> list:
    from groups.api import directory

    return [directory()]
