"""Pages for coordinators and guardians.

Every view is wrapped by :func:`returnee_view` (staff roles only, ``Cache-Control:
no-store``); every view of one case by :func:`case_view`, which finds the case through
``visible_to`` first (another person's case is a 404, before anything else happens) and
only then asks for recent re-authentication where the action is sensitive.

A package of its sections; every public name is importable from here."""

from __future__ import annotations

from returnees.views._common import (  # noqa: F401
    CASE_TYPE,
    PAGE_SIZE,
    _page,
    _reauthenticated_within,
    case_view,
    returnee_view,
    sensitive_form,
)
from returnees.views.cases import (  # noqa: F401
    case_close,
    case_consent_withdraw,
    case_create,
    case_detail,
    case_edit,
    case_export,
    case_start_monitoring,
)
from returnees.views.checkins import checkin_list, checkin_new  # noqa: F401
from returnees.views.circle import circle, circle_remove, schedule  # noqa: F401
from returnees.views.contacts import contact_new, country_note_new  # noqa: F401
from returnees.views.documents import document_download, documents  # noqa: F401
from returnees.views.escalations import _escalation_action, escalation_acknowledge, escalation_resolve  # noqa: F401
from returnees.views.lists import (  # noqa: F401
    _ESCALATION_STATUS_LABELS,
    _REASON_LABELS,
    _RISK_LABELS,
    _STATUS_LABELS,
    CaseLinks,
    CaseRow,
    EscalationRow,
    ShortTimes,
    index,
    statistics,
    statistics_export,
)
from returnees.views.plans import plan, plan_handover, plan_new, plan_pdf  # noqa: F401
