"""Every audit action the returnees app writes: ``returnees.<thing>_<past participle>``.

None of them carries a name or a place: details hold case references and counts only.
"""

ACTIONS = (
    "returnees.case_created",
    "returnees.case_updated",
    "returnees.case_status_changed",
    "returnees.consent_withdrawn",
    "returnees.case_anonymised",
    "returnees.circle_member_added",
    "returnees.circle_member_updated",
    "returnees.circle_member_removed",
    "returnees.schedule_set",
    "returnees.checkin_recorded",
    "returnees.escalation_raised",
    "returnees.escalation_acknowledged",
    "returnees.escalation_resolved",
    "returnees.plan_version_created",
    "returnees.plan_pdf_generated",
    "returnees.plan_given",
    "returnees.contact_added",
    "returnees.country_note_added",
    "returnees.document_added",
    "returnees.documents_rekeyed",
)
