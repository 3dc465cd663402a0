"""Thin Celery tasks: take ids, re-read, call a service."""

from __future__ import annotations

from celery import shared_task

from awards import services
from awards.models import PanelMember
from sanctuary.sweeps import sweep_run


@shared_task
def certificate_generate_task(award_id: int) -> bool:
    return services.certificate_generate(award_id=award_id)


@shared_task
def reviewer_remind_task(member_id: int) -> bool:
    member = (
        PanelMember.objects.select_related("application__stream", "assessor").filter(pk=member_id).first()
    )
    if member is None:
        return False
    return services.reviewer_remind(member=member)


@shared_task
def reaccreditation_sweep() -> int:
    with sweep_run("awards.reaccreditation") as result:
        result["sent"] = services.reaccreditation_remind()
    return result["sent"]
