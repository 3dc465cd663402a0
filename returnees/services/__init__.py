"""Every state change to returnee data. Views, tasks, commands and admin call these.

Log lines, audit details and emails carry the case reference and nothing else about
the person: no name, phone number or place ever leaves the encrypted columns.

A package of its sections; every public name is importable from here."""

from __future__ import annotations

from returnees.services._common import (  # noqa: F401
    CASE_EDITABLE_FIELDS,
    DEFAULT_CADENCE,
    _guarded,
    _new_case_reference,
    case_url,
    logger,
)
from returnees.services.cases import (  # noqa: F401
    _delete_stored_file,
    _erase_personal_data,
    case_anonymise,
    case_close,
    case_consent_withdraw,
    case_create,
    case_start_monitoring,
    case_update,
    retention_sweep,
)
from returnees.services.checkins import (  # noqa: F401
    Cadence,
    _last_contact,
    _schedule_store,
    case_schedule_refresh,
    checkin_record,
    next_due_from,
    schedule_set,
)
from returnees.services.circle import circle_add, circle_remove  # noqa: F401
from returnees.services.documents import _stored_name, document_add, document_read, documents_rotate_keys  # noqa: F401
from returnees.services.escalations import (  # noqa: F401
    EscalationCause,
    checkin_sweep,
    escalation_acknowledge,
    escalation_raise,
    escalation_resolve,
    escalations_raise,
)
from returnees.services.plans import (  # noqa: F401
    contact_add,
    country_note_add,
    plan_handover_record,
    plan_pdf,
    plan_version_create,
)
