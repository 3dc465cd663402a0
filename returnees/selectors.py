"""Reads of returnee data. Every case query starts from :func:`visible_to`."""

from __future__ import annotations

from django.db import models
from django.db.models import Count, F, Q, QuerySet, When, Window
from django.utils import timezone

from returnees.models import Case, CircleMember, Escalation
from sanctuary.models import ReminderLog, Role, User
from sanctuary.permissions import is_coordinator, is_guardian, is_signed_in

DUE_RULE = "returnees.checkin_due"
OVERDUE_RULE = "returnees.checkin_overdue"

# The plain (unencrypted, non-personal) columns lists and quick forms show. Loading a case
# whole decrypts a dozen personal fields; pages that never display them ask for these only.
CASE_PLAIN_FIELDS = ("reference", "status", "risk_level", "next_due_at", "created_at", "anonymised_at")


def visible_to(user) -> QuerySet[Case]:
    """Cases ``user`` may see: all for coordinators, their circles' for guardians, else none."""
    if not is_signed_in(user):
        return Case.objects.none()
    if is_coordinator(user):
        return Case.objects.all()
    if is_guardian(user):
        return Case.objects.filter(circle__guardian=user)
    return Case.objects.none()


def can_manage(user) -> bool:
    """Coordinators own cases: create, edit, assign circles, set risk, close, act on escalations."""
    return is_coordinator(user)


def escalations_visible_to(user) -> QuerySet[Escalation]:
    """Escalations of the cases :func:`visible_to` gives ``user``."""
    if is_signed_in(user) and is_coordinator(user):
        return Escalation.objects.all()  # every case: no need to ask the database which
    return Escalation.objects.filter(case__in=visible_to(user).values("pk"))


def open_escalations_for(user) -> QuerySet[Escalation]:
    """Unresolved escalations, newest first; each row carries ``total``, the number of them
    all, so a page can show the first few and the count in one query."""
    return (
        escalations_visible_to(user)
        .exclude(status=Escalation.Status.RESOLVED)
        .select_related("case")
        .only("reason", "status", "raised_at", "case__reference")
        .annotate(total=Window(Count("pk")))
        .order_by("-raised_at", "-pk")
    )


def open_escalations_summary(user, *, limit: int = 10) -> tuple[list[Escalation], int]:
    """The newest ``limit`` unresolved escalations and how many there are in all."""
    shown = list(open_escalations_for(user)[:limit])
    return shown, (shown[0].total if shown else 0)


def cases_by_attention(queryset: QuerySet[Case]) -> QuerySet[Case]:
    """Cases in the order a guardian should act on them: the check-in due soonest (the most
    overdue) first, then cases still being prepared, closed cases last; newest first within.

    ``nulls_last`` is spelled out because SQLite would put cases with no due date first."""
    closed_last = models.Case(When(status=Case.Status.CLOSED, then=1), default=0)
    return queryset.only(*CASE_PLAIN_FIELDS).order_by(
        F("next_due_at").asc(nulls_last=True), closed_last, "-created_at"
    )


def case_counts(cases: QuerySet[Case], *, now) -> dict[str, int]:
    """How many cases there are in ``cases`` and how many have a check-in due, in one query."""
    due = Q(status=Case.Status.MONITORING, next_due_at__lte=now)
    return cases.aggregate(total=Count("*"), due=Count("status", filter=due))


def due_cases_for(user, *, now=None) -> QuerySet[Case]:
    """Cases being monitored whose next check-in is due now or earlier."""
    now = now or timezone.now()
    return (
        visible_to(user)
        .filter(status=Case.Status.MONITORING, next_due_at__lte=now)
        .only(*CASE_PLAIN_FIELDS)
        .order_by("next_due_at")
    )


def circle_emails_by_case(case_ids: list[int]) -> dict[int, list[str]]:
    """The active circle's addresses of each case, for many cases in one query."""
    emails: dict[int, list[str]] = {pk: [] for pk in case_ids}
    rows = CircleMember.objects.filter(case_id__in=case_ids, guardian__is_active=True).order_by(
        "case_id", "-is_lead", "added_at"
    )
    for case_id, email in rows.values_list("case_id", "guardian__email"):
        emails[case_id].append(email)
    return emails


def coordinator_emails() -> list[str]:
    return list(
        User.objects.filter(is_active=True, role_assignments__role=Role.SAFEGUARDING_COORDINATOR)
        .values_list("email", flat=True)
        .distinct()
    )


def assignable_guardians() -> QuerySet[User]:
    return User.objects.filter(is_active=True, role_assignments__role=Role.GUARDIAN).distinct()


def coordinator_summary(*, now=None) -> dict:
    """Cases by status and risk, how many in all and how many check-ins are overdue, in one query.

    Not cached (``figures_cache``): the overdue figure moves with the clock as well as with
    the data, and a coordinator must never see a stale count of people nobody has heard from.
    Since the overdue count must be read live, caching the status and risk counts would not
    save this query, only add an invalidation to every service that touches a case; one pass
    over the summary index (a few thousand cases nationally) takes under a millisecond."""
    now = now or timezone.now()
    overdue = Q(status=Case.Status.MONITORING, next_due_at__lte=now)
    by_status_risk = {}
    total_overdue = 0
    # Counting columns of the summary index (not the id) lets PostgreSQL answer from it alone.
    for row in Case.objects.values("status", "risk_level").annotate(
        n=Count("*"), overdue=Count("status", filter=overdue)
    ):
        by_status_risk[row["status"], row["risk_level"]] = row["n"]
        total_overdue += row["overdue"]
    rows = []
    for status, status_label in Case.Status.choices:
        counts = [by_status_risk.get((status, risk), 0) for risk, _ in Case.Risk.choices]
        rows.append({"status": status_label, "counts": counts, "total": sum(counts)})
    return {
        "risk_labels": [label for _, label in Case.Risk.choices],
        "rows": rows,
        "total": sum(row["total"] for row in rows),
        "overdue": total_overdue,
    }


def missed_checkin_dates(case: Case, *, limit: int = 10) -> list:
    """Due dates that passed the grace period without a check-in: the circle was alerted for
    each, under the reminder log's key, so the log is the record of missed check-ins."""
    return list(
        ReminderLog.objects.filter(
            object_type=Case._meta.label_lower, object_id=str(case.pk), rule=OVERDUE_RULE
        )
        .order_by("-reference_date")
        .values_list("reference_date", flat=True)[:limit]
    )
