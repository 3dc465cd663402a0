"""Every state change to returnee data. Views, tasks, commands and admin call these.

Log lines, audit details and emails carry the case reference and nothing else about
the person: no name, phone number or place ever leaves the encrypted columns.
"""

from __future__ import annotations

import datetime as dt
import logging
import secrets
from dataclasses import dataclass
from functools import partial
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import OuterRef, QuerySet, Subquery
from django.urls import reverse
from django.utils import timezone

from returnees.models import (
    CadenceRule,
    Case,
    CaseDocument,
    CheckIn,
    CircleMember,
    CountryNote,
    Escalation,
    InCountryContact,
    PlanHandover,
    PlanVersion,
)
from returnees.selectors import DUE_RULE, OVERDUE_RULE, circle_emails_by_case, coordinator_emails
from returnees.workflow import CASE, ESCALATION
from sanctuary import crypto
from sanctuary.audit import audit_record, audit_record_many
from sanctuary.notifications import Reminder, reminders_send

logger = logging.getLogger(__name__)

# Daily for the first week, weekly for about three months, then monthly.
DEFAULT_CADENCE: tuple[tuple[int, int], ...] = ((0, 1), (7, 7), (97, 30))

CASE_EDITABLE_FIELDS = (
    "full_name",
    "known_as",
    "languages",
    "departure_date",
    "destination_country",
    "destination_place",
    "phone_numbers",
    "sim_network",
    "preferred_channels",
    "preferred_times",
    "identification_notes",
    "consent_scope",
    "consent_given_on",
    "consent_method",
    "risk_level",
    "risk_reason",
)


def _guarded(case: Case, action: str) -> Case:
    """``case`` locked for this transaction (plain columns only), once its state allows ``action``.

    The lock makes a change wait for a concurrent withdrawal of consent, and then see it.
    """
    locked = (
        Case.objects.select_for_update()
        .only("reference", "status", "anonymised_at", "monitoring_started_at")
        .get(pk=case.pk)
    )
    CASE.check(locked, action)
    return locked


def case_url(case: Case) -> str:
    return settings.SITE_URL + reverse("returnees:case_detail", args=[case.reference])


def _new_case_reference() -> str:
    from returnees.models import new_reference

    for _attempt in range(20):
        reference = new_reference()
        if not Case.objects.filter(reference=reference).exists():
            return reference
    raise RuntimeError("Could not find a free case reference.")


# --- Cases ------------------------------------------------------------------------------------


@transaction.atomic
def case_create(*, actor, data: dict[str, Any], request=None) -> Case:
    case = Case(reference=_new_case_reference(), created_by=actor)
    for name in CASE_EDITABLE_FIELDS:
        if name in data:
            setattr(case, name, data[name])
    case.save()
    audit_record(
        actor=actor,
        action="returnees.case_created",
        obj=case,
        detail={"reference": case.reference, "risk_level": case.risk_level},
        request=request,
    )
    logger.info("Returnee case %s created", case.reference)
    return case


@transaction.atomic
def case_update(*, actor, case: Case, data: dict[str, Any], request=None) -> Case:
    case = Case.objects.select_for_update().get(pk=case.pk)
    CASE.check(case, "edit")
    changed = [name for name in CASE_EDITABLE_FIELDS if name in data and getattr(case, name) != data[name]]
    old_risk = case.risk_level
    for name in changed:
        setattr(case, name, data[name])
    case.updated_at = timezone.now()
    case.save(update_fields=[*changed, "updated_at"])
    # Field names only: the values are personal.
    detail: dict[str, Any] = {"reference": case.reference, "changed": changed}
    if old_risk != case.risk_level:
        detail["risk_level"] = [old_risk, case.risk_level]
    audit_record(actor=actor, action="returnees.case_updated", obj=case, detail=detail, request=request)
    return case


@transaction.atomic
def case_start_monitoring(*, actor, case: Case, started_at: dt.datetime | None = None, request=None) -> Case:
    case = Case.objects.select_for_update().get(pk=case.pk)
    CASE.move(case, "start_monitoring")
    case.monitoring_started_at = started_at or timezone.now()
    case.updated_at = timezone.now()
    case.save(update_fields=["status", "monitoring_started_at", "updated_at"])
    if not case.cadence_rules.exists():
        CadenceRule.objects.bulk_create(
            CadenceRule(case=case, starts_after_days=start, interval_days=every)
            for start, every in DEFAULT_CADENCE
        )
    case_schedule_refresh(case=case)
    audit_record(
        actor=actor,
        action="returnees.case_status_changed",
        obj=case,
        detail={"reference": case.reference, "from": Case.Status.PREPARING, "to": Case.Status.MONITORING},
        request=request,
    )
    return case


@transaction.atomic
def case_close(*, actor, case: Case, reason: str, notes: str = "", request=None) -> Case:
    case = Case.objects.select_for_update().get(pk=case.pk)
    old_status = case.status
    CASE.move(case, "close")
    case.closed_reason = reason
    case.closed_notes = notes
    case.closed_at = timezone.now()
    case.next_due_at = None
    case.updated_at = timezone.now()
    case.save(
        update_fields=["status", "closed_reason", "closed_notes", "closed_at", "next_due_at", "updated_at"]
    )
    audit_record(
        actor=actor,
        action="returnees.case_status_changed",
        obj=case,
        detail={"reference": case.reference, "from": old_status, "to": case.status, "reason": reason},
        request=request,
    )
    return case


def _erase_personal_data(case: Case) -> None:
    """Blank every personal value held for ``case``; keep the plain figures for statistics."""
    for name in Case.PERSONAL_FIELDS:
        setattr(case, name, "")
    case.next_due_at = None
    case.updated_at = timezone.now()
    case.save(update_fields=[*Case.PERSONAL_FIELDS, "next_due_at", "updated_at"])
    CheckIn.objects.filter(case=case).update(notes="", needs="", follow_up="")
    Escalation.objects.filter(case=case).update(acknowledge_notes="", resolution_notes="")
    for name in (
        PlanVersion.objects.filter(case=case)
        .exclude(encrypted_pdf="")
        .values_list("encrypted_pdf", flat=True)
    ):
        transaction.on_commit(lambda name=name: _delete_stored_file(name))
    PlanVersion.objects.filter(case=case).update(
        travel="", accommodation="", money_work="", safety="", emergency="", who_to_call="", encrypted_pdf=""
    )
    PlanHandover.objects.filter(plan__case=case).update(recipient_note="")
    InCountryContact.objects.filter(case=case).delete()
    CountryNote.objects.filter(case=case).delete()
    for document in CaseDocument.objects.filter(case=case):
        name = document.encrypted_file.name
        document.delete()
        # Remove the file only once the row is surely gone.
        transaction.on_commit(lambda name=name: _delete_stored_file(name))


def _delete_stored_file(name: str) -> None:
    from django.core.files.storage import default_storage

    if name and default_storage.exists(name):
        default_storage.delete(name)


@transaction.atomic
def case_consent_withdraw(*, actor, case: Case, request=None) -> Case:
    """The person no longer agrees: erase their personal data at once and stop monitoring."""
    case = Case.objects.select_for_update().get(pk=case.pk)
    if case.consent_withdrawn_at:
        return case  # the same withdrawal sent twice
    CASE.check(case, "withdraw_consent")
    old_status = case.status
    now = timezone.now()
    case.consent_withdrawn_at = now
    case.status = Case.Status.CLOSED
    case.closed_reason = Case.ClosedReason.CONSENT_WITHDRAWN
    case.closed_at = case.closed_at or now
    case.anonymised_at = now
    case.save(update_fields=["consent_withdrawn_at", "status", "closed_reason", "closed_at", "anonymised_at"])
    _erase_personal_data(case)
    audit_record(
        actor=actor,
        action="returnees.consent_withdrawn",
        obj=case,
        detail={"reference": case.reference, "from": old_status, "erased": True},
        request=request,
    )
    logger.info("Consent withdrawn for returnee case %s; personal data erased", case.reference)
    return case


@transaction.atomic
def case_anonymise(*, case_id: int, actor=None) -> bool:
    """Anonymise a closed case (retention). Returns False if there was nothing to do."""
    case = Case.objects.select_for_update().filter(pk=case_id).first()
    if case is None or not CASE.allowed(case, "anonymise"):
        return False
    case.anonymised_at = timezone.now()
    case.save(update_fields=["anonymised_at"])
    _erase_personal_data(case)
    audit_record(
        actor=actor, action="returnees.case_anonymised", obj=case, detail={"reference": case.reference}
    )
    return True


def retention_sweep(*, now: dt.datetime | None = None) -> dict[str, int]:
    now = now or timezone.now()
    cutoff = now - dt.timedelta(days=settings.RETURNEE_RETENTION_DAYS)
    ids = list(
        Case.objects.filter(
            status=Case.Status.CLOSED, closed_at__lte=cutoff, anonymised_at__isnull=True
        ).values_list("pk", flat=True)
    )
    done = sum(1 for pk in ids if case_anonymise(case_id=pk))
    if done:
        logger.info("Retention: %d returnee cases anonymised", done)
    return {"anonymised": done}


# --- Supporter circle -------------------------------------------------------------------------


@transaction.atomic
def circle_add(*, actor, case: Case, guardian, is_lead: bool = False, request=None) -> CircleMember:
    case = _guarded(case, "change_circle")
    member, created = CircleMember.objects.get_or_create(case=case, guardian=guardian)
    if is_lead:
        CircleMember.objects.filter(case=case, is_lead=True).exclude(pk=member.pk).update(is_lead=False)
        if not member.is_lead:
            member.is_lead = True
            member.save(update_fields=["is_lead"])
    audit_record(
        actor=actor,
        action="returnees.circle_member_added" if created else "returnees.circle_member_updated",
        obj=case,
        detail={"reference": case.reference, "guardian_id": guardian.pk, "lead": member.is_lead},
        request=request,
    )
    return member


@transaction.atomic
def circle_remove(*, actor, case: Case, guardian_id: int, request=None) -> bool:
    case = _guarded(case, "change_circle")
    deleted, _ = CircleMember.objects.filter(case=case, guardian_id=guardian_id).delete()
    if deleted:
        audit_record(
            actor=actor,
            action="returnees.circle_member_removed",
            obj=case,
            detail={"reference": case.reference, "guardian_id": guardian_id},
            request=request,
        )
    return bool(deleted)


# --- Schedule and check-ins -------------------------------------------------------------------


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


# --- Escalations ------------------------------------------------------------------------------


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


# --- Contacts, country notes, plan ---------------------------------------------------------------


@transaction.atomic
def contact_add(*, actor, case: Case, name: str, role: str = "", how_to_reach: str = "", request=None):
    case = _guarded(case, "add_contact")
    contact = InCountryContact.objects.create(
        case=case, name=name, role=role, how_to_reach=how_to_reach, added_by=actor
    )
    audit_record(
        actor=actor,
        action="returnees.contact_added",
        obj=contact,
        detail={"reference": case.reference},
        request=request,
    )
    return contact


@transaction.atomic
def country_note_add(
    *, actor, case: Case, researched_on: dt.date, notes: str, sources: str = "", request=None
) -> CountryNote:
    case = _guarded(case, "add_country_note")
    note = CountryNote.objects.create(
        case=case, researched_on=researched_on, notes=notes, sources=sources, added_by=actor
    )
    audit_record(
        actor=actor,
        action="returnees.country_note_added",
        obj=note,
        detail={"reference": case.reference},
        request=request,
    )
    return note


@transaction.atomic
def plan_version_create(*, actor, case: Case, sections: dict[str, str], request=None) -> PlanVersion:
    # The lock also gives two people saving at once numbers 3 and 4, not 3 twice.
    case = _guarded(case, "write_plan")
    last = case.plan_versions.order_by("-number").values_list("number", flat=True).first() or 0
    plan = PlanVersion(case=case, number=last + 1, created_by=actor)
    for name, _label in PlanVersion.SECTIONS:
        setattr(plan, name, sections.get(name, ""))
    plan.save()
    audit_record(
        actor=actor,
        action="returnees.plan_version_created",
        obj=plan,
        detail={"reference": case.reference, "version": plan.number},
        request=request,
    )
    return plan


def plan_pdf(*, plan: PlanVersion) -> bytes:
    """The plan version's PDF: rendered once, stored encrypted, then served as issued."""
    from sanctuary.pdf import render_pdf, stored_pdf

    return stored_pdf(
        PlanVersion.objects.select_related("case"),
        plan.pk,
        field="encrypted_pdf",
        encrypted=True,
        render=lambda version: render_pdf(
            "returnees/plan_pdf.html",
            {"case": version.case, "plan": version, "generated_at": timezone.now()},
        ),
        on_create=lambda version: audit_record(
            actor=None,
            action="returnees.plan_pdf_generated",
            obj=version,
            detail={"reference": version.case.reference, "version": version.number},
        ),
    )


@transaction.atomic
def plan_handover_record(
    *, actor, plan: PlanVersion, recipient: str, given_on: dt.date, recipient_note: str = "", request=None
) -> PlanHandover:
    _guarded(plan.case, "record_plan_handover")
    handover = PlanHandover.objects.create(
        plan=plan, recipient=recipient, recipient_note=recipient_note, given_on=given_on, recorded_by=actor
    )
    audit_record(
        actor=actor,
        action="returnees.plan_given",
        obj=handover,
        detail={"reference": plan.case.reference, "version": plan.number, "recipient": recipient},
        request=request,
    )
    return handover


# --- Documents --------------------------------------------------------------------------------


def _stored_name() -> str:
    # No extension and no date: the stored name says nothing about the file.
    return f"{secrets.token_hex(20)}.bin"


@transaction.atomic
def document_add(*, actor, case: Case, upload: ContentFile, kind: str, description: str = "", request=None):
    """Store an upload already cleaned by ``sanctuary.uploads.clean_upload``, encrypted."""
    case = _guarded(case, "add_document")
    upload.seek(0)
    data = upload.read()
    original_name = getattr(upload, "original_name", "") or "document"
    extension = original_name.rsplit(".", 1)[-1].lower() if "." in original_name else ""
    content_type = (
        "application/pdf" if extension == "pdf" else f"image/{'jpeg' if extension == 'jpg' else extension}"
    )
    document = CaseDocument(
        case=case,
        kind=kind,
        description=description,
        original_name=original_name,
        content_type=content_type,
        size=len(data),
        uploaded_by=actor,
    )
    document.encrypted_file.save(_stored_name(), ContentFile(crypto.encrypt_bytes(data)), save=False)
    name = document.encrypted_file.name
    # If the row cannot be saved, do not leave an orphaned file behind.
    try:
        document.save()
    except Exception:
        _delete_stored_file(name)
        raise
    audit_record(
        actor=actor,
        action="returnees.document_added",
        obj=document,
        detail={"reference": case.reference, "kind": kind},
        request=request,
    )
    return document


def document_read(*, document: CaseDocument) -> bytes:
    """Decrypted content; call only from a view that has checked permission and the case's state."""
    with document.encrypted_file.open("rb") as handle:
        return crypto.decrypt_bytes(handle.read())


def documents_rotate_keys() -> int:
    """Re-encrypt every stored file (documents and issued plan PDFs) under the newest key
    (``key_rotation`` hook)."""
    done = 0
    for model, field in ((CaseDocument, "encrypted_file"), (PlanVersion, "encrypted_pdf")):
        for row in model.objects.exclude(**{field: ""}).only("pk", field).iterator(chunk_size=100):
            stored = getattr(row, field)
            old_name = stored.name
            with stored.open("rb") as handle:
                token = handle.read()
            stored.save(_stored_name(), ContentFile(crypto.rotate_bytes(token)), save=False)
            with transaction.atomic():
                model.objects.filter(pk=row.pk).update(**{field: stored.name})
            _delete_stored_file(old_name)
            done += 1
    audit_record(
        actor=None,
        action="returnees.documents_rekeyed",
        object_type="returnees.casedocument",
        detail={"documents": done},
    )
    return done
