"""Returnee services: contacts, country notes, plan."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from returnees.models import (
    Case,
    CountryNote,
    InCountryContact,
    PlanHandover,
    PlanVersion,
)
from returnees.services._common import _guarded
from sanctuary.audit import audit_record


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
    from sanctuary.i18n import user_language
    from sanctuary.pdf import render_pdf, stored_pdf

    # Issued once, in the language of its author (the plan's text is in their words).
    return stored_pdf(
        PlanVersion.objects.select_related("case", "created_by"),
        plan.pk,
        field="encrypted_pdf",
        encrypted=True,
        render=lambda version: render_pdf(
            "returnees/plan_pdf.html",
            {"case": version.case, "plan": version, "generated_at": timezone.now()},
            language=user_language(version.created_by),
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
