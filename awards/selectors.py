"""Who may see what in the awards, and the reads behind the listings and dashboards.

Every ``*_visible_to`` returns nothing unless a rule grants access.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import (
    Avg,
    Count,
    DurationField,
    ExpressionWrapper,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from awards.models import (
    PRINCIPLE_ORDER,
    Answer,
    Application,
    Award,
    Criterion,
    Endorsement,
    PanelMember,
    Review,
    StateSpan,
    Stream,
)
from groups.models import GroupMembership, Organisation
from sanctuary.figures_cache import cached_figures
from sanctuary.geography import Region
from sanctuary.i18n import localised_expression
from sanctuary.permissions import is_national_staff, is_signed_in

# Cached topics (sanctuary/figures_cache.py), each forgotten by whatever changes it, so nothing
# shown is stale: streams and criteria (the admin, streams_load); who holds an award
# (award_create); applications, their panels and reviews (every service that moves a state or
# changes a panel). Organisation names are edited only in the admin, outside these services:
# a renamed organisation shows in cached lists within figures_cache's timeout (5 minutes).
STREAMS_TOPIC = "award_streams"
HOLDERS_TOPIC = "award_holders"
APPLICATIONS_TOPIC = "award_applications"


def organisations_for(user) -> QuerySet[Organisation]:
    if not is_signed_in(user):
        return Organisation.objects.none()
    return Organisation.objects.filter(contacts__user=user).select_related("group").distinct()


def applications_visible_to(user) -> QuerySet[Application]:
    """Applicants see their organisations' applications; staff see all. Reviewers use panels."""
    base = Application.objects.select_related("stream", "organisation", "group", "applicant")
    if not is_signed_in(user):
        return base.none()
    if is_national_staff(user):
        return base
    return base.filter(organisation__contacts__user=user).distinct()


def panels_for(user) -> QuerySet[PanelMember]:
    """A reviewer's own panel seats; nothing for anyone else."""
    if not is_signed_in(user):
        return PanelMember.objects.none()
    return PanelMember.objects.filter(assessor=user).select_related(
        "application__stream", "application__organisation"
    )


def endorsements_for(user) -> QuerySet[Endorsement]:
    if not is_signed_in(user):
        return Endorsement.objects.none()
    lead_groups = GroupMembership.objects.filter(user=user, role=GroupMembership.Role.LEAD).values("group_id")
    return Endorsement.objects.filter(group_id__in=lead_groups).select_related(
        "application__stream", "application__organisation", "group"
    )


def awards_visible_to(user) -> QuerySet[Award]:
    """Awards whose certificate and logo a person may download."""
    base = Award.objects.select_related("stream", "organisation")
    if not is_signed_in(user):
        return base.none()
    if is_national_staff(user):
        return base
    return base.filter(organisation__contacts__user=user).distinct()


def reviews_visible_to(member: PanelMember) -> QuerySet[Review]:
    """A member's own review, and only once they have submitted it, others' *submitted* reviews.

    Drafts are never shown to anyone but their author: a panel member must not be able to read a
    colleague's unfinished view (nor one reopened by staff) and shape their own to it.
    """
    if member.review_submitted_at is None:
        return Review.objects.filter(member=member)
    return (
        Review.objects.filter(member__application_id=member.application_id)
        .filter(Q(member=member) | Q(member__review_submitted_at__isnull=False))
        .select_related("member__assessor")
    )


def submitted_reviews(application) -> QuerySet[Review]:
    """The reviews staff decide on: submitted ones only (drafts may still change)."""
    return Review.objects.filter(
        member__application=application, member__review_submitted_at__isnull=False
    ).select_related("member__assessor", "answer")


def criteria_by_principle(criteria) -> list[tuple[str, list]]:
    grouped: dict[str, list] = defaultdict(list)
    for criterion in criteria:
        grouped[criterion.principle].append(criterion)
    return [(p, grouped[p]) for p in sorted(grouped, key=lambda p: PRINCIPLE_ORDER.get(p, 9))]


def published_streams() -> QuerySet[Stream]:
    return Stream.objects.filter(is_published=True).prefetch_related(
        Prefetch("criteria", queryset=Criterion.objects.filter(is_active=True))
    )


def stream_choices() -> list[tuple[str, str]]:
    """(slug, name) of every stream, published or not, for staff filters."""
    return cached_figures(
        STREAMS_TOPIC,
        "choices",
        lambda: list(Stream.objects.values_list("slug", localised_expression("name"))),
    )


@dataclass(frozen=True)
class GroupHolder:
    organisation: str
    award: str
    number: str
    expires_on: dt.date


def group_holders(*, group_id: int, today: dt.date, limit: int = 50) -> list[GroupHolder]:
    """Current holders among the organisations of one local group, for its public page."""
    rows = (
        Award.objects.current(today)
        .filter(organisation__group_id=group_id)
        .order_by("organisation__name", "pk")
        .values_list(
            "organisation__name", localised_expression("stream__award_title"), "number", "expires_on"
        )[:limit]
    )
    return [GroupHolder(*row) for row in rows]


@dataclass(frozen=True)
class Holder:
    organisation: str
    region: str
    number: str
    expires_on: dt.date


class StreamHolders:
    """A stream's current holders as a Paginator reads them: a count, and one light query a page."""

    def __init__(self, *, stream_id: int, region: str = "", today: dt.date | None = None) -> None:
        self.stream_id, self.region = stream_id, region
        self.today = today or timezone.localdate()

    def _awards(self) -> QuerySet[Award]:
        awards = Award.objects.current(self.today).filter(stream_id=self.stream_id)
        if self.region:
            awards = awards.filter(organisation__region=self.region)
        return awards

    def count(self) -> int:
        return self._awards().count()

    def __getitem__(self, index: slice) -> list[Holder]:
        regions = dict(Region.choices)
        rows = (
            self._awards()
            .order_by("organisation__name", "pk")
            .values_list("organisation__name", "organisation__region", "number", "expires_on")[index]
        )
        return [
            Holder(name, str(regions.get(region, "")), number, expires)
            for name, region, number, expires in rows
        ]


def task_list(application: Application) -> list[tuple[str, list[tuple[Criterion | None, Answer | None]]]]:
    """Rows for the task-list page: (principle, [(criterion, answer)])."""
    answers = {
        a.criterion_id: a
        for a in application.answers.select_related("criterion").prefetch_related("evidence")
    }
    if application.status == Application.Status.DRAFT:
        criteria = list(application.stream.criteria.filter(is_active=True))
    else:
        # After submission the application keeps the criteria it was submitted against.
        criteria = [a.criterion for a in answers.values()]
    rows = [(c, answers.get(c.pk)) for c in criteria]
    grouped: dict[str, list] = defaultdict(list)
    for criterion, answer in rows:
        grouped[answer.principle if answer else criterion.principle].append((criterion, answer))
    return [(p, grouped[p]) for p in sorted(grouped, key=lambda p: PRINCIPLE_ORDER.get(p, 9))]


def staff_overview(today: dt.date | None = None) -> dict:
    """The national dashboard: a fixed number of queries whatever the data size."""
    today = today or timezone.localdate()
    counts = (
        Application.objects.values("status", stream_name=localised_expression("stream__name"))
        .annotate(n=Count("pk"))
        .order_by("stream_name", "status")
    )
    by_stream: dict[str, dict[str, int]] = defaultdict(dict)
    for row in counts:
        by_stream[row["stream_name"]][row["status"]] = row["n"]
    # Averaged in the database; an open span counts its time so far.
    duration = ExpressionWrapper(
        Coalesce("left_at", Value(timezone.now())) - F("entered_at"), output_field=DurationField()
    )
    spans = {
        row["status"]: row
        for row in StateSpan.objects.values("status")
        .annotate(n=Count("pk"), average=Avg(duration))
        .order_by()
    }
    time_in_state = [
        (
            label,
            spans[value]["n"] if value in spans else 0,
            round(spans[value]["average"].total_seconds() / 86400, 1) if value in spans else None,
        )
        for value, label in Application.Status.choices
    ]
    overdue = (
        PanelMember.objects.filter(
            application__status=Application.Status.IN_REVIEW,
            application__review_due_on__lt=today,
            review_submitted_at__isnull=True,
        )
        .exclude(conflict=PanelMember.Conflict.DECLARED)
        .select_related("assessor", "application__organisation", "application__stream")
        .order_by("application__review_due_on", "pk")
    )[:50]
    expiring = (
        Award.objects.current(today)
        .filter(expires_on__lte=today + dt.timedelta(days=90))
        .select_related("organisation", "stream")
        .order_by("expires_on", "pk")
    )[:50]
    return {
        "statuses": Application.Status.choices,
        "by_stream": [
            (name, [row.get(v, 0) for v, _ in Application.Status.choices])
            for name, row in sorted(by_stream.items())
        ],
        "time_in_state": time_in_state,
        "overdue": list(overdue),
        "expiring": list(expiring),
    }


def _panel_count(condition: Q) -> Coalesce:
    seats = (
        PanelMember.objects.filter(condition, application=OuterRef("pk"))
        .order_by()
        .values("application")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(seats, output_field=IntegerField()), 0)


def staff_applications(*, stream: str = "", status: str = "") -> QuerySet[Application]:
    """Every application, most recently changed first, with its panel's size and reviews in.

    The panel figures are per-row subqueries rather than a join and GROUP BY over every
    application: PostgreSQL works them out only for the rows of the page shown.
    """
    qs = (
        Application.objects.select_related("stream", "organisation")
        .annotate(
            panel_size=_panel_count(~Q(conflict=PanelMember.Conflict.DECLARED)),
            reviews_in=_panel_count(Q(review_submitted_at__isnull=False)),
        )
        .order_by("-status_changed_at", "pk")
    )
    if stream:
        qs = qs.filter(stream__slug=stream)
    if status:
        qs = qs.filter(status=status)
    return qs
