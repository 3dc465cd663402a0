"""Returnee services: cases."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from returnees.models import (
    CadenceRule,
    Case,
    CaseDocument,
    CheckIn,
    CountryNote,
    Escalation,
    InCountryContact,
    PlanHandover,
    PlanVersion,
)
from returnees.services._common import CASE_EDITABLE_FIELDS, DEFAULT_CADENCE, _new_case_reference, logger
from returnees.services.checkins import case_schedule_refresh
from returnees.workflow import CASE
from sanctuary.audit import audit_record


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
