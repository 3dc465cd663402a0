"""Thin Celery tasks: take ids, re-read, call a service."""

from __future__ import annotations

from celery import shared_task

from awards import services
from sanctuary.sweeps import sweep_run


@shared_task
def certificate_generate_task(award_id: int) -> bool:
    return services.certificate_generate(award_id=award_id)


@shared_task
def reaccreditation_sweep() -> int:
    """Daily: re-accreditation reminders, and the awards' other date-driven reminders."""
    with sweep_run() as result:
        result["sent"] = services.reaccreditation_remind()
        # More-evidence due dates ride on the same daily sweep rather than a beat entry of their own.
        result["evidence_reminders"] = services.evidence_due_remind()
        result["interest_notices"] = services.interest_notify()
    return result["sent"]


@shared_task
def certificates_sweep() -> int:
    """Hourly: make any certificate whose task was lost (the broker was down when it was awarded)."""
    with sweep_run() as result:
        result["made"] = services.certificates_generate_missing()
    return result["made"]
