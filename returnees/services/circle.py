"""Returnee services: supporter circle."""

from __future__ import annotations

from django.db import transaction

from returnees.models import (
    Case,
    CircleMember,
)
from returnees.services._common import _guarded
from sanctuary.audit import audit_record


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
