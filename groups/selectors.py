"""Reads for groups and the charter: who may see what, and the public figures."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils.translation import get_language

from groups.models import (
    Activity,
    CharterSignature,
    CharterVersion,
    Group,
    GroupApplication,
    GroupMembership,
    Organisation,
    OrganisationPledge,
)
from sanctuary.figures_cache import cached_figures
from sanctuary.geography import Nation, Region
from sanctuary.permissions import is_national_staff, is_signed_in

# Cache topics: the national figures, and each group's page (its counts and the lists its
# workspace shows).
PUBLIC_FIGURES = "groups.public"


def group_page_topic(group_id: int) -> str:
    return f"groups.page:{group_id}"


def charter_current() -> CharterVersion | None:
    return CharterVersion.objects.order_by("-number").first()


def public_groups() -> QuerySet[Group]:
    return Group.objects.all()


def viewer_standing(user, group: Group) -> tuple[GroupMembership | None, bool]:
    """``user``'s membership of ``group`` (or None) and whether they may manage it, in one query."""
    if not is_signed_in(user):
        return None, False
    membership = group.memberships.filter(user=user).first()
    leads = membership is not None and membership.role == GroupMembership.Role.LEAD
    return membership, leads or is_national_staff(user)


def activities_split(group: Group, *, today: dt.date, limit: int) -> dict[str, QuerySet[Activity]]:
    """The group's coming activities, soonest first, and its recent ones (today's among them),
    latest first. A date after today has not happened yet, whatever order it was recorded in."""
    return {
        "upcoming_activities": group.activities.filter(date__gt=today).order_by("date", "pk")[:limit],
        "recent_activities": group.activities.filter(date__lte=today).order_by("-date", "-pk")[:limit],
    }


def group_page_lists(group: Group, *, today: dt.date) -> dict:
    """What a group's public page lists on ``today``; the page caches it under group_page_topic,
    keyed by the day, since an upcoming activity becomes a recent one as the date passes."""
    split = activities_split(group, today=today, limit=10)
    return {
        **{name: list(activities) for name, activities in split.items()},
        "organisations": list(approved_organisations().filter(group=group)[:24]),
        "councils": list(group.local_authorities.order_by("short_name")),
        "signature_count": group_counts(group)["signatures"],
        "public_signers": list(public_signatories().filter(group=group).only("name")[:20]),
    }


def workspace_lists(group: Group, *, today: dt.date) -> dict[str, list[tuple]]:
    """The workspace's upcoming and recent activities and organisations waiting for approval, as
    plain values (cached under group_page_topic per day; access to the workspace is checked before)."""

    def compute() -> dict[str, list[tuple]]:
        pending = (
            OrganisationPledge.objects.filter(
                organisation__group=group, status=OrganisationPledge.Status.PENDING
            )
            .select_related("organisation")
            .order_by("-created_at")[:20]
        )
        split = activities_split(group, today=today, limit=5)
        return {
            **{name: list(activities.values_list("date", "title")) for name, activities in split.items()},
            "pledges": [
                (pledge.pk, pledge.organisation.name, str(pledge.organisation.get_org_type_display()))
                for pledge in pending
            ],
        }

    key = f"workspace_lists:{get_language()}:{today.isoformat()}"
    return cached_figures(group_page_topic(group.pk), key, compute)


def groups_led_by(user) -> QuerySet[Group]:
    if not is_signed_in(user):
        return Group.objects.none()
    return Group.objects.filter(memberships__user=user, memberships__role=GroupMembership.Role.LEAD)


def workspace_visible_to(user) -> QuerySet[Group]:
    """Groups whose workspace ``user`` may open: their own as lead; national staff see all."""
    if not is_signed_in(user):
        return Group.objects.none()
    if is_national_staff(user):
        return Group.objects.all()
    return groups_led_by(user)


def workspace_group_or_404(user, slug: str) -> Group:
    group = workspace_visible_to(user).filter(slug=slug).first()
    if group is None:
        raise Http404
    return group


def signatures_visible_to(user, group: Group | None = None) -> QuerySet[CharterSignature]:
    """Confirmed signatories who agreed to be contacted, within what ``user`` may export."""
    base = CharterSignature.objects.filter(confirmed_at__isnull=False, consent_group_contact=True)
    if group is not None:
        if not workspace_visible_to(user).filter(pk=group.pk).exists():
            return base.none()
        return base.filter(group=group)
    if is_national_staff(user):
        return base
    return base.none()


def pledges_visible_to(user) -> QuerySet[OrganisationPledge]:
    """Pledges ``user`` may decide: all for national staff, their groups' for leads."""
    base = OrganisationPledge.objects.select_related("organisation", "organisation__group")
    if not is_signed_in(user):
        return base.none()
    if is_national_staff(user):
        return base
    return base.filter(organisation__group__in=groups_led_by(user))


def applications_visible_to(user) -> QuerySet[GroupApplication]:
    if is_national_staff(user):
        return GroupApplication.objects.select_related("applicant")
    if is_signed_in(user):
        return GroupApplication.objects.filter(applicant=user)
    return GroupApplication.objects.none()


def directory(*, q: str = "", nation: str = "", region: str = "", status: str = "") -> QuerySet[Group]:
    groups = public_groups()
    if q:
        # A place may be the name of a council the group covers, not only its own wording.
        covering = Group.local_authorities.through.objects.filter(
            localauthority__short_name__icontains=q
        ).values("group_id")
        groups = groups.filter(Q(name__icontains=q) | Q(area_served__icontains=q) | Q(pk__in=covering))
    if nation:
        groups = groups.filter(nation=nation)
    if region:
        groups = groups.filter(region=region)
    groups = groups.filter(status=status) if status else groups.exclude(status=Group.Status.CLOSED)
    return groups.order_by("name")


def public_signatories() -> QuerySet[CharterSignature]:
    """Confirmed signatories who chose to show their name, newest first."""
    return CharterSignature.objects.filter(confirmed_at__isnull=False, consent_public_name=True).order_by(
        "-confirmed_at"
    )


def approved_organisations() -> QuerySet[Organisation]:
    return (
        Organisation.objects.filter(pledge__status=OrganisationPledge.Status.APPROVED)
        .select_related("group")
        .order_by("name")
    )


def public_counts() -> dict:
    """National totals for the public pages, as fresh as the database (see PUBLIC_FIGURES)."""
    return cached_figures(PUBLIC_FIGURES, "counts", _public_counts)


def _public_counts() -> dict:
    confirmed = CharterSignature.objects.filter(confirmed_at__isnull=False)
    by_region = dict(
        confirmed.exclude(region="").values_list("region").annotate(n=Count("pk")).values_list("region", "n")
    )
    groups_by_region = dict(
        Group.objects.exclude(status=Group.Status.CLOSED)
        .values_list("region")
        .annotate(n=Count("pk"))
        .values_list("region", "n")
    )
    by_nation = dict(
        confirmed.exclude(nation="").values_list("nation").annotate(n=Count("pk")).values_list("nation", "n")
    )
    return {
        "signatures": confirmed.count(),
        "by_region": by_region,
        "by_nation": by_nation,
        "groups": sum(groups_by_region.values()),
        "groups_by_region": groups_by_region,
        "organisations": OrganisationPledge.objects.filter(status=OrganisationPledge.Status.APPROVED).count(),
    }


def group_counts(group: Group) -> dict[str, int]:
    """A group's confirmed signatures and approved supporting organisations (see group_page_topic)."""

    def compute() -> dict[str, int]:
        return {
            "signatures": group.signatures.filter(confirmed_at__isnull=False).count(),
            "organisations": approved_organisations().filter(group=group).count(),
        }

    return cached_figures(group_page_topic(group.pk), "counts", compute)


def nation_rows(counts: dict) -> list[tuple[str, int]]:
    return [(label, counts["by_nation"].get(value, 0)) for value, label in Nation.choices]


def region_rows(counts: dict) -> list[tuple[str, str, int, int]]:
    """(code, label, groups, signatures) for every region, in a fixed order."""
    return [
        (value, label, counts["groups_by_region"].get(value, 0), counts["by_region"].get(value, 0))
        for value, label in Region.choices
    ]
