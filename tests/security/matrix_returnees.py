"""Matrix entries for returnee cases: the coordinator and the case's own guardians only."""

from tests.security.matrix import Entry, roles

COORDINATOR = roles("coordinator")
CIRCLE = roles("coordinator", "guardian_this")


def _case(s):
    return {"reference": s.case.reference}


def _plan(s):
    return {**_case(s), "number": s.plan.number}


def _escalation(s):
    return {**_case(s), "escalation_id": s.escalation.pk}


MATRIX = {
    "returnees:index": Entry(lambda s: {}, roles("coordinator", "guardian_this", "guardian_other")),
    "returnees:statistics": Entry(lambda s: {}, roles("coordinator", "national_staff")),
    "returnees:statistics_export": Entry(lambda s: {}, roles("coordinator", "national_staff"), reauth=True),
    "returnees:case_create": Entry(lambda s: {}, COORDINATOR, reauth=True),
    "returnees:case_detail": Entry(_case, CIRCLE, record=True),
    "returnees:case_edit": Entry(_case, COORDINATOR, reauth=True, record=True),
    "returnees:case_start_monitoring": Entry(_case, COORDINATOR, reauth=True, record=True),
    "returnees:case_close": Entry(_case, COORDINATOR, reauth=True, record=True),
    "returnees:case_consent_withdraw": Entry(_case, COORDINATOR, reauth=True, record=True),
    "returnees:case_export": Entry(_case, CIRCLE, reauth=True, record=True),
    "returnees:circle": Entry(_case, COORDINATOR, reauth=True, record=True),
    "returnees:circle_remove": Entry(
        lambda s: {**_case(s), "guardian_id": s.guardian.pk},
        COORDINATOR,
        reauth=True,
        record=True,
    ),
    "returnees:schedule": Entry(_case, COORDINATOR, reauth=True, record=True),
    "returnees:checkin_list": Entry(_case, CIRCLE, record=True),
    "returnees:checkin_new": Entry(_case, CIRCLE, record=True),
    "returnees:contact_new": Entry(_case, CIRCLE, record=True),
    "returnees:country_note_new": Entry(_case, CIRCLE, record=True),
    "returnees:plan": Entry(_case, CIRCLE, record=True),
    "returnees:plan_new": Entry(_case, CIRCLE, record=True),
    "returnees:plan_pdf": Entry(_plan, CIRCLE, reauth=True, record=True),
    "returnees:plan_handover": Entry(_plan, CIRCLE, post_only=True, record=True),
    "returnees:documents": Entry(_case, CIRCLE, record=True),
    "returnees:document_download": Entry(
        lambda s: {**_case(s), "document_id": s.document.pk}, CIRCLE, reauth=True, record=True
    ),
    "returnees:escalation_acknowledge": Entry(_escalation, COORDINATOR, record=True),
    "returnees:escalation_resolve": Entry(_escalation, COORDINATOR, record=True),
}
