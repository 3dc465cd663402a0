"""Reads: who may see which campaigns and actions, and the figures computed in the database."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Case, Count, F, OuterRef, Q, QuerySet, Subquery, Value, When
from django.utils import timezone

from campaigns.models import Action, ActionType, Campaign, PledgeSignature, ProgressStep, ProgressTick
from geography.models import Constituency
from groups.models import Group, GroupMembership
from sanctuary.figures_cache import cached_figures
from sanctuary.geography import Nation, Region
from sanctuary.i18n import localised, localised_expression
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


@dataclass(frozen=True)
class StepProgress:
    """One step of a person's checklist: ticked by hand, and/or done by actions they logged
    (``done_by``: the kinds of action, with how many of each)."""

    value: str
    label: str
    ticked: bool
    done_by: tuple[tuple[str, int], ...]

    @property
    def actions(self) -> int:
        return sum(n for _name, n in self.done_by)

    @property
    def done(self) -> bool:
        return self.ticked or bool(self.done_by)


def progress_steps(user, *, only: str | None = None) -> list[StepProgress]:
    """``user``'s checklist in its usual order (or the one step ``only``), in two queries."""
    ticked = set(ProgressTick.objects.filter(user=user).values_list("step", flat=True))
    logged = (
        Action.objects.filter(user=user)
        .exclude(action_type__progress_step="")
        .values_list("action_type__progress_step", localised_expression("action_type__name"))
        .annotate(n=Count("id"))
        .order_by("action_type__position", "action_type__name")
    )
    if only is not None:
        logged = logged.filter(action_type__progress_step=only)
    done_by: dict[str, list[tuple[str, int]]] = {}
    for step, name, n in logged:
        done_by.setdefault(step, []).append((name, n))
    return [
        StepProgress(
            value=value, label=str(label), ticked=value in ticked, done_by=tuple(done_by.get(value, ()))
        )
        for value, label in ProgressStep.choices
        if only is None or value == only
    ]


def photo_visible(user, action: Action) -> bool:
    if action.is_public and action.campaign.status != Campaign.Status.DRAFT:
        return True
    return is_signed_in(user) and (action.user_id == user.pk or is_national_staff(user))


@dataclass(frozen=True)
class FeedItem:
    """One action in a campaign's public feed, with only what the feed shows."""

    pk: int
    type_name: str
    done_on: dt.date
    place: str
    region: str
    by: str  # the group it was done for, else the author's first name only
    link: str
    has_photo: bool


def public_actions(campaign: Campaign) -> QuerySet[Action]:
    """The public feed: only actions their authors agreed to show, newest first, as rows
    for ``feed_items`` (the feed is on every campaign page, so it reads only what it shows)."""
    return (
        campaign.actions.filter(is_public=True)
        .order_by("-done_on", "-pk")
        .values_list(
            "pk",
            localised_expression("action_type__name"),
            "done_on",
            "place",
            "region",
            "group__name",
            "user__display_name",
            "link",
            "photo",
        )
    )


def feed_items(rows) -> list[FeedItem]:
    return [
        FeedItem(
            pk=pk,
            type_name=type_name,
            done_on=done_on,
            place=place,
            region=str(REGION_LABELS.get(region, region)),
            by=group_name or (display_name or "").split(" ")[0],
            link=link,
            has_photo=bool(photo),
        )
        for pk, type_name, done_on, place, region, group_name, display_name, link, photo in rows
    ]


def led_groups(user) -> QuerySet[Group]:
    if not is_signed_in(user):
        return Group.objects.none()
    return Group.objects.filter(memberships__user=user, memberships__role=GroupMembership.Role.LEAD)


def group_figures_visible(user, group: Group) -> bool:
    return is_national_staff(user) or led_groups(user).filter(pk=group.pk).exists()


def pledge_count(campaign: Campaign) -> int:
    """Confirmed signatures, cached until one is confirmed or deleted (``FIGURES_TOPIC``)."""
    return cached_figures(
        FIGURES_TOPIC,
        f"pledges:{campaign.pk}",
        lambda: PledgeSignature.objects.filter(campaign=campaign, confirmed_at__isnull=False).count(),
    )


def action_counts() -> dict[int, int]:
    """Actions logged for each campaign (by id), cached (``FIGURES_TOPIC``)."""
    return cached_figures(
        FIGURES_TOPIC,
        "per-campaign",
        lambda: dict(Action.objects.order_by().values_list("campaign_id").annotate(n=Count("id"))),
    )


# --- figures ----------------------------------------------------------------------------------

# Everything the app caches (``sanctuary.figures_cache``) belongs to this one topic: figures
# over actions and pledges, and the parts of campaign pages built from them and from the
# campaigns' set-up. Every service that changes any of those calls ``figures_changed`` with it.
# Such changes are rare next to page views, and one topic means no change can miss a value
# that depends on it.
FIGURES_TOPIC = "campaigns"


@dataclass(frozen=True)
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

    def cache_key(self) -> str:
        """Names every filter, so two different selections never share cached figures."""
        parts = [
            getattr(self.campaign, "pk", None),
            self.date_from.isoformat() if self.date_from else None,
            self.date_to.isoformat() if self.date_to else None,
            getattr(self.action_type, "pk", None),
            self.region,
            getattr(self.group, "pk", None),
        ]
        return "|".join("" if part is None else str(part) for part in parts)


@dataclass(frozen=True)
class Rate:
    label: str
    breakdown: str
    total: int
    outcomes: int
    positive: int
    # The constituency's GSS code when the breakdown is by constituency and it is known.
    code: str = ""

    @property
    def share(self) -> int | None:
        """Share (percent) of all actions that got the counted response."""
        return round(100 * self.positive / self.total) if self.total else None


@dataclass(frozen=True)
class Figures:
    total: int
    with_outcome: int
    over_time: list[tuple[dt.date, int]]
    period: str  # "week" or "month"
    by_type: list[tuple[str, int]]
    by_nation: list[tuple[str, int]]
    by_region: list[tuple[str, int]]
    # Per type that expects a response: actions, outcomes recorded, responses.
    rates: list[Rate]
    # Actions their authors agreed to show publicly: the length of a campaign's public feed.
    public: int


def _type_names() -> dict[int, tuple[str, bool]]:
    """Every action type's name (in the active language) and whether it expects a response: a
    handful of rows."""
    rows = ActionType.objects.only("pk", "name", "name_cy", "expects_outcome")
    return {t.pk: (localised(t, "name"), t.expects_outcome) for t in rows}


def _ranked(counts: Counter, labels: dict[str, str] | None = None) -> list[tuple[str, int]]:
    """Largest first, ties by key; keys shown through ``labels`` when given."""
    ordered = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return [(str(labels.get(key, key)) if labels else key, n) for key, n in ordered]


def figures(qs: QuerySet[Action]) -> Figures:
    """Totals, breakdowns and outcome rates of ``qs`` in three queries, whatever the number of
    actions: one pass grouped by type, nation and region, one grouped by day, and the small
    table of type names (joining it into the big pass would cost more than the extra query)."""
    qs = qs.order_by()
    groups = list(
        qs.values_list("action_type_id", "nation", "region").annotate(
            n=Count("id"),
            outcomes=Count("id", filter=Q(outcome_recorded_at__isnull=False)),
            positive=Count("id", filter=Q(outcome_positive=True)),
            public=Count("id", filter=Q(is_public=True)),
        )
    )
    days = list(qs.values_list("done_on").annotate(n=Count("id")).order_by("done_on"))
    types = _type_names()
    by_type: Counter = Counter()
    by_nation: Counter = Counter()
    by_region: Counter = Counter()
    rates: dict[str, list[int]] = {}
    with_outcome = public = 0
    for type_id, nation, region, n, outcomes, positive, shown in groups:
        name, expects_outcome = types[type_id]
        by_type[name] += n
        by_nation[nation] += n
        by_region[region] += n
        with_outcome += outcomes
        public += shown
        if expects_outcome:
            rate = rates.setdefault(name, [0, 0, 0])
            rate[0] += n
            rate[1] += outcomes
            rate[2] += positive
    period, over_time = _over_time(days)
    return Figures(
        total=by_type.total(),
        with_outcome=with_outcome,
        over_time=over_time,
        period=period,
        by_type=_ranked(by_type),
        by_nation=_ranked(by_nation, NATION_LABELS),
        by_region=_ranked(by_region, REGION_LABELS),
        rates=[Rate(name, "", *rates[name]) for name in sorted(rates)],
        public=public,
    )


def _over_time(days: list[tuple[dt.date, int]]) -> tuple[str, list[tuple[dt.date, int]]]:
    """Daily counts summed into weeks (starting Monday) or, over a long span, months."""
    if not days:
        return "week", []
    # Weeks read well over a season; beyond half a year, months keep the chart legible.
    if (days[-1][0] - days[0][0]).days > 182:
        period, start = "month", lambda day: day.replace(day=1)
    else:
        period, start = "week", lambda day: day - dt.timedelta(days=day.weekday())
    totals: Counter = Counter()
    for day, n in days:
        totals[start(day)] += n
    return period, sorted(totals.items())


BREAKDOWN_LIMIT = 50


def outcome_rates_by_breakdown(qs: QuerySet[Action]) -> list[Rate]:
    """Outcome rates split by each type's breakdown detail (constituency...), busiest first."""
    types = _type_names()
    # Split by constituency, an action whose postcode found its constituency counts under the
    # constituency's code (named as the register names it), so spellings cannot split one
    # constituency in two; without a code, under the name the person gave.
    by_code = Q(action_type__breakdown_field="constituency") & ~Q(constituency_code="")
    register_name = Constituency.objects.filter(code=OuterRef("constituency_code")).values("name")[:1]
    rows = (
        qs.order_by()
        .filter(action_type__in=[pk for pk, (_name, expects) in types.items() if expects])
        .exclude(Q(breakdown_value="") & ~by_code)
        .annotate(
            area_code=Case(When(by_code, then=F("constituency_code")), default=Value("")),
            area=Case(When(by_code, then=Subquery(register_name)), default=F("breakdown_value")),
        )
        .values_list("action_type_id", "area_code", "area")
        .annotate(
            total=Count("id"),
            outcomes=Count("id", filter=Q(outcome_recorded_at__isnull=False)),
            positive=Count("id", filter=Q(outcome_positive=True)),
        )
        .order_by("-total", "action_type_id", "area", "area_code")[:BREAKDOWN_LIMIT]
    )
    return [
        Rate(types[type_id][0], area or code, total, outcomes, positive, code)
        for type_id, code, area, total, outcomes, positive in rows
    ]


# A follow-up goes out on the day an action is CAMPAIGN_FOLLOW_UP_DAYS old, or on one of the
# following days if the sweep did not run then (an outage, a deployment): "how did it go?" still
# makes sense a few days late. Much later it does not: people no longer remember, and a first
# sweep over a backlog (an import, a sweep off for weeks) would mail about actions done months
# ago. Those are never mailed, and stay unsettled so nothing pretends they were.
FOLLOW_UP_CATCH_UP_DAYS = 7


def follow_up_due(today: dt.date | None = None):
    """Actions whose follow-up is due: the type expects a response, no outcome yet, none sent,
    and the follow-up day fell within the last FOLLOW_UP_CATCH_UP_DAYS days."""
    today = today or timezone.localdate()
    due_on = today - dt.timedelta(days=settings.CAMPAIGN_FOLLOW_UP_DAYS)
    return Action.objects.filter(
        follow_up_settled_at__isnull=True,
        outcome_recorded_at__isnull=True,
        action_type__expects_outcome=True,
        done_on__lte=due_on,
        done_on__gt=due_on - dt.timedelta(days=FOLLOW_UP_CATCH_UP_DAYS),
    )
