"""Who may see what in the network, and the reads behind its pages."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from groups.models import GroupMembership
from la_network.models import Application, CouncilContact, Endorsement, LocalAuthority, Membership
from la_network.services import active_memberships
from sanctuary.permissions import is_national_staff, is_signed_in


def applications_visible_to(user) -> QuerySet[Application]:
    """Staff see all; a person sees what they started and what their verified councils sent."""
    qs = Application.objects.select_related("local_authority", "renewal_of")
    if not is_signed_in(user):
        return qs.none()
    if is_national_staff(user):
        return qs
    verified = CouncilContact.objects.filter(user=user, verified=True).values("local_authority_id")
    return qs.filter(Q(created_by=user) | Q(local_authority_id__in=verified))


def endorsements_for_lead(user) -> QuerySet[Endorsement]:
    if not is_signed_in(user):
        return Endorsement.objects.none()
    led = GroupMembership.objects.filter(user=user, role=GroupMembership.Role.LEAD).values("group_id")
    return Endorsement.objects.filter(group_id__in=led).select_related(
        "group", "application__local_authority"
    )


def members_on(day: dt.date | None = None, *, nation: str = "", region: str = "") -> QuerySet[Membership]:
    """Member councils on ``day``, one row each (a renewal that has started replaces the old term)."""
    day = day or timezone.localdate()
    qs = active_memberships(day).select_related("local_authority", "application")
    if nation:
        qs = qs.filter(local_authority__nation=nation)
    if region:
        qs = qs.filter(local_authority__region=region)
    return qs.order_by("local_authority__short_name")


def member_count_by_region(day: dt.date | None = None) -> list[dict]:
    day = day or timezone.localdate()
    return list(
        members_on(day).order_by().values("local_authority__nation", "local_authority__region")
        .annotate(total=Count("id")).order_by("local_authority__nation", "local_authority__region")
    )


def verified_member_contact(user, day: dt.date | None = None) -> bool:
    """True when ``user`` acts (verified) for a council that is a member today."""
    if not is_signed_in(user):
        return False
    day = day or timezone.localdate()
    return CouncilContact.objects.filter(
        user=user, verified=True,
        local_authority__in=active_memberships(day).values("local_authority_id"),
    ).exists()


def councils_open_to_apply() -> QuerySet[LocalAuthority]:
    return LocalAuthority.objects.filter(is_current=True).order_by("short_name")


def memberships_visible_to(user) -> QuerySet[Membership]:
    qs = Membership.objects.select_related("local_authority", "application")
    if not is_signed_in(user):
        return qs.none()
    if is_national_staff(user):
        return qs
    verified = CouncilContact.objects.filter(user=user, verified=True).values("local_authority_id")
    return qs.filter(local_authority_id__in=verified)

