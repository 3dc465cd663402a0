"""Every state change in the awards. Views, tasks, admin and commands call these.

A package of its sections; every public name is importable from here."""

from __future__ import annotations

from awards.services._common import MIN_PANEL, MOVE_ACTIONS, S, _contacts_emails, _move, _url  # noqa: F401
from awards.services.applying import (  # noqa: F401
    _endorsement_request,
    _staff_emails,
    answer_save,
    application_start,
    application_submit,
    application_withdraw,
    check_can_start,
    commitments_save,
    endorsement_respond,
    evidence_delete,
    interest_register,
    missing_criteria,
)
from awards.services.awarding import (  # noqa: F401
    EVIDENCE_DUE_SOON_DAYS,
    EXPIRY_NOTICE_DAYS,
    SWEEP_BATCH,
    _award_number,
    _send_batched,
    award_create,
    certificate_generate,
    certificate_pdf,
    certificate_render,
    certificates_generate_missing,
    criterion_save,
    evidence_due_remind,
    interest_notify,
    reaccreditation_remind,
    stream_save,
    streams_load,
)
from awards.services.panels import (  # noqa: F401
    _lived_experience,
    application_decide,
    assessor_profile_set,
    check_can_decide,
    check_can_review,
    check_panel_member,
    conflict_declare,
    evidence_request,
    panel_member_add,
    panel_member_remove,
    panel_problems,
    review_reopen,
    review_save,
    review_start,
    reviewer_remind,
    reviewers_remind,
)
