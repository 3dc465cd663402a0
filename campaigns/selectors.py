"""Reads: who may see which campaigns and actions, and the figures computed in the database."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Max, Min, Q, QuerySet
from django.db.models.functions import TruncMonth, TruncWeek

from campaigns.models import Action, ActionType, Campaign, PledgeSignature
from groups.models import Group, GroupMembership
from sanctuary.geography import Nation, Region
from sanctuary.permissions import is_national_staff, is_signed_in

REGION_LABELS = dict(Region.choices)
NATION_LABELS = dict(Nation.choices)


def campaigns_visible_to(user) -> QuerySet[Campaign]:
    """Everyone sees open and closed campaigns; staff also see drafts."""
    if is_national_staff(user):
        return Campaign.objects.all()
    return Campaign.objects.exclude(status=Campaign.Status.DRAFT)


def actions_visible_to(user) -> QuerySet[Action]:
    """Actions a person may open in full: their own, or all of them for national staff."""
    if not is_signed_in(user):
        return Action.objects.none()
    if is_national_staff(user):
        return Action.objects.all()
    return Action.objects.filter(user=user)


def photo_visible(user, action: Action) -> bool:
    if action.is_public and action.campaign.status != Campaign.Status.DRAFT:
        return True
    return is_signed_in(user) and (action.user_id == user.pk or is_national_staff(user))


def public_actions(campaign: Campaign) -> QuerySet[Action]:
    """The public feed: only actions their authors agreed to show."""
    return (
        campaign.actions.filter(is_public=True)
        .select_related("action_type", "user", "group")
        .order_by("-done_on", "-pk")
    )


def led_groups(user) -> QuerySet[Group]:
    if not is_signed_in(user):
        return Group.objects.none()
    return Group.objects.filter(memberships__user=user, memberships__role=GroupMembership.Role.LEAD)


def group_figures_visible(user, group: Group) -> bool:
    return is_national_staff(user) or led_groups(user).filter(pk=group.pk).exists()


def pledge_count(campaign: Campaign) -> int:
    return PledgeSignature.objects.filter(campaign=campaign, confirmed_at__isnull=False).count()


# --- figures ----------------------------------------------------------------------------------


@dataclass
class Filters:
    campaign: Campaign | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    action_type: ActionType | None = None
    region: str = ""
    group: Group | None = None

    def apply(self, qs: QuerySet[Action]) -> QuerySet[Action]:
        if self.campaign is not None:
            qs = qs.filter(campaign=self.campaign)
        if self.date_from:
            qs = qs.filter(done_on__gte=self.date_from)
        if self.date_to:
            qs = qs.filter(done_on__lte=self.date_to)
        if self.action_type is not None:
            qs = qs.filter(action_type=self.action_type)
        if self.region:
            qs = qs.filter(region=self.region)
        if self.group is not None:
            qs = qs.filter(group=self.group)
        return qs


@dataclass
class Figures:
    total: int
    with_outcome: int
    over_time: list[tuple[dt.date, int]]
    period: str  # "week" or "month"
    by_type: list[tuple[str, int]]
    by_nation: list[tuple[str, int]]
    by_region: list[tuple[str, int]]


def figures(qs: QuerySet[Action]) -> Figures:
    """Totals and breakdowns of ``qs``, in five queries whatever the number of actions."""
    qs = qs.order_by()
    summary = qs.aggregate(
        total=Count("id"),
        with_outcome=Count("id", filter=Q(outcome_recorded_at__isnull=False)),
        first=Min("done_on"),
        last=Max("done_on"),
    )
    # Weeks read well over a season; beyond half a year, months keep the chart legible.
    long_span = summary["first"] and (summary["last"] - summary["first"]).days > 182
    period, trunc = ("month", TruncMonth("done_on")) if long_span else ("week", TruncWeek("done_on"))
    over_time = [
        (_as_date(row["period"]), row["n"])
        for row in qs.annotate(period=trunc).values("period").annotate(n=Count("id")).order_by("period")
    ]
    by_type = [
        (row["action_type__name"], row["n"])
        for row in qs.values("action_type__name").annotate(n=Count("id")).order_by("-n", "action_type__name")
    ]
    by_nation = [
        (str(NATION_LABELS.get(row["nation"], row["nation"])), row["n"])
        for row in qs.values("nation").annotate(n=Count("id")).order_by("-n", "nation")
    ]
    by_region = [
        (str(REGION_LABELS.get(row["region"], row["region"])), row["n"])
        for row in qs.values("region").annotate(n=Count("id")).order_by("-n", "region")
    ]
    return Figures(
        total=summary["total"],
        with_outcome=summary["with_outcome"],
        over_time=over_time,
        period=period,
        by_type=by_type,
        by_nation=by_nation,
        by_region=by_region,
    )


def _as_date(value) -> dt.date:
    return value.date() if isinstance(value, dt.datetime) else value


@dataclass
class Rate:
    label: str
    breakdown: str
    total: int
    outcomes: int
    positive: int

    @property
    def share(self) -> int | None:
        """Share (percent) of all actions that got the counted response."""
        return round(100 * self.positive / self.total) if self.total else None


def outcome_rates(qs: QuerySet[Action]) -> list[Rate]:
    """Per action type that expects a response: actions, outcomes recorded, responses."""
    rows = (
        qs.order_by()
        .filter(action_type__expects_outcome=True)
        .values("action_type__name")
        .annotate(
            total=Count("id"),
            outcomes=Count("id", filter=Q(outcome_recorded_at__isnull=False)),
            positive=Count("id", filter=Q(outcome_positive=True)),
        )
        .order_by("action_type__name")
    )
    return [Rate(r["action_type__name"], "", r["total"], r["outcomes"], r["positive"]) for r in rows]


BREAKDOWN_LIMIT = 50


def outcome_rates_by_breakdown(qs: QuerySet[Action]) -> list[Rate]:
    """The same rates split by each type's breakdown detail (constituency...), busiest first."""
    rows = (
        qs.order_by()
        .filter(action_type__expects_outcome=True)
        .exclude(breakdown_value="")
        .values("action_type__name", "breakdown_value")
        .annotate(
            total=Count("id"),
            outcomes=Count("id", filter=Q(outcome_recorded_at__isnull=False)),
            positive=Count("id", filter=Q(outcome_positive=True)),
        )
        .order_by("-total", "action_type__name", "breakdown_value")[:BREAKDOWN_LIMIT]
    )
    return [
        Rate(r["action_type__name"], r["breakdown_value"], r["total"], r["outcomes"], r["positive"])
        for r in rows
    ]
