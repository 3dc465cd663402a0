"""Returnee services: schedule and check-ins."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import OuterRef, QuerySet, Subquery
from django.utils import timezone

from returnees.models import (
    CadenceRule,
    Case,
    CheckIn,
    Escalation,
)
from returnees.services._common import _guarded
from returnees.services.escalations import escalation_raise
from returnees.workflow import CASE
from sanctuary.audit import audit_record


@dataclass(frozen=True)
class Cadence:
    starts_after_days: int
    interval_days: int


def next_due_from(
    *, anchor: dt.datetime, rules: list[Cadence], last_contact: dt.datetime | None
) -> dt.datetime | None:
    """When the next check-in is due: one interval after the last time they were reached
    (or after monitoring began), the interval being the rule in force at that moment."""
    if not rules:
        return None
    ordered = sorted(rules, key=lambda r: r.starts_after_days)
    base = max(anchor, last_contact) if last_contact else anchor
    elapsed_days = (base - anchor).days
    rule = ordered[0]
    for candidate in ordered:
        if candidate.starts_after_days <= elapsed_days:
            rule = candidate
    return base + dt.timedelta(days=rule.interval_days)


def _last_contact(case_ref, field: str = "occurred_at") -> QuerySet:
    """``field`` of the last check-in that reached ``case_ref`` (a case or an OuterRef to one)."""
    return CheckIn.objects.filter(case=case_ref, reached=True).order_by("-occurred_at").values(field)[:1]


def case_schedule_refresh(*, case: Case) -> dt.datetime | None:
    """Recompute and store when the next check-in is due."""
    last = _last_contact(case).values_list("occurred_at", "wellbeing").first()
    return _schedule_store(
        case=case,
        last_contact=last[0] if last else None,
        in_danger=bool(last) and last[1] == CheckIn.Wellbeing.IN_DANGER,
    )


def _schedule_store(
    *, case: Case, last_contact: dt.datetime | None, in_danger: bool = False
) -> dt.datetime | None:
    """Store when the next check-in is due: one cadence step after the last contact, but when
    that contact found the person in danger, within ``RETURNEE_IN_DANGER_NEXT_CHECKIN_HOURS``."""
    if case.status != Case.Status.MONITORING or not case.monitoring_started_at:
        due = None
    else:
        rules = [Cadence(r.starts_after_days, r.interval_days) for r in case.cadence_rules.all()]
        due = next_due_from(anchor=case.monitoring_started_at, rules=rules, last_contact=last_contact)
        if in_danger and last_contact is not None:
            soon = last_contact + dt.timedelta(hours=settings.RETURNEE_IN_DANGER_NEXT_CHECKIN_HOURS)
            due = min(due, soon) if due else soon
    Case.objects.filter(pk=case.pk).update(next_due_at=due)
    case.next_due_at = due
    return due


@transaction.atomic
def schedule_set(*, actor, case: Case, rules: list[tuple[int, int]], request=None) -> None:
    case = _guarded(case, "set_schedule")
    CadenceRule.objects.filter(case=case).delete()
    CadenceRule.objects.bulk_create(
        CadenceRule(case=case, starts_after_days=start, interval_days=every) for start, every in rules
    )
    case_schedule_refresh(case=case)
    audit_record(
        actor=actor,
        action="returnees.schedule_set",
        obj=case,
        detail={"reference": case.reference, "rules": [list(r) for r in rules]},
        request=request,
    )


@transaction.atomic
def checkin_record(
    *,
    actor,
    case: Case,
    occurred_at: dt.datetime,
    channel: str,
    reached: bool,
    wellbeing: str,
    notes: str = "",
    needs: str = "",
    follow_up: str = "",
    request=None,
) -> CheckIn:
    # The lock serialises check-ins on one case (the schedule and the run of failed attempts
    # depend on the ones before); the person's details are not needed, so not decrypted.
    case = (
        Case.objects.select_for_update()
        .only("reference", "status", "anonymised_at", "monitoring_started_at")
        .annotate(
            last_contact=Subquery(_last_contact(OuterRef("pk"))),
            last_wellbeing=Subquery(_last_contact(OuterRef("pk"), "wellbeing")),
        )
        .get(pk=case.pk)
    )
    CASE.check(case, "record_checkin")
    if not reached:
        wellbeing = CheckIn.Wellbeing.NOT_REACHED
    # The same check-in sent twice (a double click) is recorded once; the case lock above
    # makes a second copy arriving at the same moment wait and find the first.
    for earlier in case.checkins.filter(
        recorded_by=actor, occurred_at=occurred_at, channel=channel, reached=reached, wellbeing=wellbeing
    ):
        if (earlier.notes, earlier.needs, earlier.follow_up) == (notes, needs, follow_up):
            return earlier
    checkin = CheckIn.objects.create(
        case=case,
        recorded_by=actor,
        occurred_at=occurred_at,
        channel=channel,
        reached=reached,
        wellbeing=wellbeing,
        notes=notes,
        needs=needs,
        follow_up=follow_up,
    )
    # The latest contact decides the next due time: this one, unless an earlier date was entered.
    latest = (case.last_contact, case.last_wellbeing)
    if reached and (case.last_contact is None or occurred_at >= case.last_contact):
        latest = (occurred_at, wellbeing)
    _schedule_store(case=case, last_contact=latest[0], in_danger=latest[1] == CheckIn.Wellbeing.IN_DANGER)
    audit_record(
        actor=actor,
        action="returnees.checkin_recorded",
        obj=checkin,
        detail={"reference": case.reference, "reached": reached, "wellbeing": wellbeing},
        request=request,
    )
    # Raised in the same transaction as the check-in: it cannot be lost between the two.
    reference_date = timezone.localdate(occurred_at)
    if wellbeing == CheckIn.Wellbeing.IN_DANGER:
        escalation_raise(
            case=case, reason=Escalation.Reason.IN_DANGER, reference_date=reference_date, checkin=checkin
        )
    elif not reached:
        last_two = list(case.checkins.order_by("-occurred_at", "-pk").values_list("reached", flat=True)[:2])
        if len(last_two) == 2 and not any(last_two):
            escalation_raise(
                case=case,
                reason=Escalation.Reason.FAILED_ATTEMPTS,
                reference_date=reference_date,
                checkin=checkin,
            )
    return checkin
