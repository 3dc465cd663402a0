"""Returnee services: escalations."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import partial

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from returnees.models import (
    Case,
    CheckIn,
    Escalation,
)
from returnees.selectors import DUE_RULE, OVERDUE_RULE, circle_emails_by_case, coordinator_emails
from returnees.services._common import case_url, logger
from returnees.workflow import CASE, ESCALATION
from sanctuary.audit import audit_record, audit_record_many
from sanctuary.notifications import Reminder, reminders_send


@dataclass(frozen=True)
class EscalationCause:
    """Why a case is escalated, for :func:`escalations_raise`."""

    case: Case
    reason: str
    reference_date: dt.date
    checkin: CheckIn | None = None


@transaction.atomic
def escalations_raise(
    *, causes: list[EscalationCause], coordinators: list[str] | None = None
) -> list[Escalation]:
    """Open escalations and tell the coordinators, once per (case, reason, date).

    In a fixed number of queries however many causes: the sweep raises hundreds at once. Each
    alert is recorded under its unique key before anything is sent, so a cause raised before
    (by an earlier sweep, or the check-in that reported it) opens nothing new.
    """
    if not causes:
        return []
    if coordinators is None:
        coordinators = coordinator_emails()
    by_key = {}
    reminders = []
    for cause in causes:
        reminder = Reminder(
            object_type=Case._meta.label_lower,
            object_id=str(cause.case.pk),
            rule=f"returnees.escalation.{cause.reason}",
            reference_date=cause.reference_date,
            template="returnees/emails/escalation",
            to=tuple(coordinators),
            context={
                "reference": cause.case.reference,
                "reason": str(Escalation.Reason(cause.reason).label),
                "case_url": case_url(cause.case),
            },
        )
        by_key[reminder.key] = cause
        reminders.append(reminder)
    raised = [by_key[reminder.key] for reminder in reminders_send(reminders)]
    escalations = Escalation.objects.bulk_create(
        Escalation(case=c.case, reason=c.reason, reference_date=c.reference_date, checkin=c.checkin)
        for c in raised
    )
    audit_record_many(
        actor=None,
        action="returnees.escalation_raised",
        objects=escalations,
        detail=lambda escalation: {"reference": escalation.case.reference, "reason": escalation.reason},
    )
    for cause in raised:
        logger.warning("Escalation raised for returnee case %s: %s", cause.case.reference, cause.reason)
    return escalations


def escalation_raise(
    *, case: Case, reason: str, reference_date: dt.date, checkin: CheckIn | None = None
) -> Escalation | None:
    """Open one escalation and tell the coordinators; None if it was raised before."""
    raised = escalations_raise(
        causes=[EscalationCause(case=case, reason=reason, reference_date=reference_date, checkin=checkin)]
    )
    return raised[0] if raised else None


@transaction.atomic
def escalation_acknowledge(*, actor, escalation: Escalation, notes: str = "", request=None) -> Escalation:
    escalation = Escalation.objects.select_for_update().select_related("case").get(pk=escalation.pk)
    CASE.check(escalation.case, "handle_escalation")
    ESCALATION.move(escalation, "acknowledge")
    escalation.acknowledged_by = actor
    escalation.acknowledged_at = timezone.now()
    escalation.acknowledge_notes = notes
    escalation.save(update_fields=["status", "acknowledged_by", "acknowledged_at", "acknowledge_notes"])
    audit_record(
        actor=actor,
        action="returnees.escalation_acknowledged",
        obj=escalation,
        detail={"reference": escalation.case.reference},
        request=request,
    )
    return escalation


@transaction.atomic
def escalation_resolve(*, actor, escalation: Escalation, notes: str, request=None) -> Escalation:
    escalation = Escalation.objects.select_for_update().select_related("case").get(pk=escalation.pk)
    CASE.check(escalation.case, "handle_escalation")
    now = timezone.now()
    if escalation.status == Escalation.Status.OPEN:
        escalation.acknowledged_by = actor
        escalation.acknowledged_at = now
    ESCALATION.move(escalation, "resolve")
    escalation.resolved_by = actor
    escalation.resolved_at = now
    escalation.resolution_notes = notes
    escalation.save(
        update_fields=[
            "status",
            "acknowledged_by",
            "acknowledged_at",
            "resolved_by",
            "resolved_at",
            "resolution_notes",
        ]
    )
    audit_record(
        actor=actor,
        action="returnees.escalation_resolved",
        obj=escalation,
        detail={"reference": escalation.case.reference},
        request=request,
    )
    return escalation


def checkin_sweep(*, now: dt.datetime | None = None) -> dict[str, int]:
    """Remind, alert and escalate for every monitored case whose check-in is due.

    Everything is computed from ``next_due_at`` in the database and keyed on the due date,
    so a sweep that runs twice sends nothing twice and one that missed days catches up.
    It reads and writes in bulk, so its number of queries does not grow with the cases due;
    one transaction, so a sweep killed midway has recorded (and sent) nothing and the next
    one does it all.
    """
    now = now or timezone.now()
    grace = dt.timedelta(hours=settings.RETURNEE_CHECKIN_GRACE_HOURS)
    escalate_after = dt.timedelta(hours=settings.RETURNEE_CHECKIN_ESCALATION_HOURS)
    due_cases = list(
        Case.objects.filter(
            status=Case.Status.MONITORING, next_due_at__lte=now, consent_withdrawn_at__isnull=True
        )
        .only("reference", "next_due_at")
        .order_by("next_due_at", "pk")
    )
    result = {"cases": len(due_cases), "reminders": 0, "alerts": 0, "escalations": 0}
    if not due_cases:
        return result
    circles = circle_emails_by_case([case.pk for case in due_cases])
    coordinators = coordinator_emails()
    reminders: list[Reminder] = []
    overdue: list[EscalationCause] = []
    for case in due_cases:
        due = case.next_due_at
        reference_date = timezone.localdate(due)
        context = {
            "reference": case.reference,
            "due_at": timezone.localtime(due).strftime("%d %b %Y %H:%M"),
            "case_url": case_url(case),
        }
        # A circle with nobody in it must not let a due check-in pass silently.
        to = tuple(circles[case.pk] or coordinators)
        reminder = partial(
            Reminder,
            object_type=Case._meta.label_lower,
            object_id=str(case.pk),
            reference_date=reference_date,
            to=to,
            context=context,
        )
        reminders.append(reminder(rule=DUE_RULE, template="returnees/emails/checkin_due"))
        if now >= due + grace:
            reminders.append(reminder(rule=OVERDUE_RULE, template="returnees/emails/checkin_overdue"))
        if now >= due + escalate_after:
            overdue.append(
                EscalationCause(case=case, reason=Escalation.Reason.OVERDUE, reference_date=reference_date)
            )
    with transaction.atomic():
        for sent in reminders_send(reminders):
            result["reminders" if sent.rule == DUE_RULE else "alerts"] += 1
        result["escalations"] = len(escalations_raise(causes=overdue, coordinators=coordinators))
    return result
