"""Fictional returnee cases for the demo. Every person, number and place here is invented."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from returnees import services
from returnees.models import Case, Escalation

# (reference, name, known as, country, place, guardian key, days since monitoring began or None)
DEMO_CASES = [
    ("RT-DEM0A1", "Amani Fictional Testcase", "Ami", "ZW", "Demo Town North", "guardian1", 3),
    ("RT-DEM0B2", "Yusuf Example Sample", "Yusuf", "SD", "Sample District", "guardian2", 20),
    ("RT-DEM0C3", "Farah Invented Person", "", "IQ", "Placeholder Village", "guardian1", None),
]


def seed(ctx) -> None:
    coordinator = ctx.users["coordinator"]
    now = timezone.now()
    for reference, name, known_as, country, place, guardian_key, days in DEMO_CASES:
        case = Case.objects.filter(reference=reference).first()
        if case is None:
            case = Case.objects.create(
                reference=reference,
                full_name=name,
                known_as=known_as,
                languages="Demo language",
                destination_country=country,
                destination_place=place,
                phone_numbers="+000 0000 0000 (fictional)",
                consent_scope="Demo consent: contact by the circle only.",
                consent_given_on=timezone.localdate() - dt.timedelta(days=40),
                consent_method=Case.ConsentMethod.IN_PERSON,
                risk_level=Case.Risk.MEDIUM,
                risk_reason="Demo: fictional risk assessment.",
                created_by=coordinator,
            )
            services.circle_add(actor=coordinator, case=case, guardian=ctx.users[guardian_key], is_lead=True)
            if days is not None:
                services.case_start_monitoring(
                    actor=coordinator, case=case, started_at=now - dt.timedelta(days=days)
                )
                services.checkin_record(
                    actor=ctx.users[guardian_key],
                    case=case,
                    occurred_at=now - dt.timedelta(days=min(days, 2)),
                    channel="whatsapp",
                    reached=True,
                    wellbeing="safe",
                    notes="Demo: settling in, no concerns.",
                )
                services.plan_version_create(
                    actor=coordinator,
                    case=case,
                    sections={
                        "travel": "Demo: met at the airport by the contact.",
                        "emergency": "Demo: call the circle.",
                    },
                )
        ctx.objects[f"returnee_case_{reference}"] = case
    # One open escalation, raised once (the reminder log makes this idempotent).
    first = Case.objects.get(reference="RT-DEM0B2")
    if not first.escalations.filter(status=Escalation.Status.OPEN).exists():
        services.escalation_raise(
            case=first,
            reason=Escalation.Reason.OVERDUE,
            reference_date=timezone.localdate(first.next_due_at or now),
        )
