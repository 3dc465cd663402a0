"""What may be done to a returnee case, and to an escalation, in each of their states.

One table per record, read by every write service (``services``), by the pages (they offer only
what is allowed) and by the lifecycle tests. A closed case keeps its records for the retention
period but takes no new ones; an anonymised case holds nothing personal and takes nothing at all.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from returnees.models import Case, Escalation
from sanctuary.workflow import Lifecycle, Transition

PREPARING, MONITORING, CLOSED = Case.Status.PREPARING, Case.Status.MONITORING, Case.Status.CLOSED
ANONYMISED = "anonymised"
OPEN_CASE = (PREPARING, MONITORING)

_CLOSED = _("This case is closed: its records can no longer be changed.")
_ANONYMISED = _("This case has been anonymised: nothing can be added to it or read from it.")


def case_state(case: Case) -> str:
    """A case's state: its status, or "anonymised" once its personal data has been erased."""
    return ANONYMISED if case.anonymised_at else case.status


def _open_only(refusal=_CLOSED) -> Transition:
    return Transition(OPEN_CASE, None, refusal)


CASE = Lifecycle(
    "returnee case",
    states=[PREPARING, MONITORING, CLOSED, ANONYMISED],
    state=case_state,
    model=Case,
    transitions={
        "edit": _open_only(),
        "start_monitoring": Transition(
            [PREPARING], MONITORING, _("Only a case being prepared can start monitoring.")
        ),
        "close": Transition(OPEN_CASE, CLOSED, _("This case is already closed.")),
        "withdraw_consent": Transition(
            [*OPEN_CASE, CLOSED], None, _("This case has been anonymised: nothing personal is left to erase.")
        ),
        "anonymise": Transition([CLOSED], None, _("Only a closed case can be anonymised.")),
        "change_circle": _open_only(),
        "set_schedule": _open_only(),
        "record_checkin": _open_only(),
        "add_contact": _open_only(),
        "add_country_note": _open_only(),
        "write_plan": _open_only(),
        "record_plan_handover": _open_only(),
        "add_document": _open_only(),
        # Reading what the case holds: possible until it is anonymised (the retention period).
        "read_plan": Transition([*OPEN_CASE, CLOSED], None, _ANONYMISED),
        "read_documents": Transition([*OPEN_CASE, CLOSED], None, _ANONYMISED),
        "handle_escalation": Transition([*OPEN_CASE, CLOSED], None, _ANONYMISED),
    },
)

ESCALATION = Lifecycle(
    "escalation",
    states=Escalation.Status,
    model=Escalation,
    transitions={
        "acknowledge": Transition(
            [Escalation.Status.OPEN],
            Escalation.Status.ACKNOWLEDGED,
            _("Only an open escalation can be acknowledged."),
        ),
        "resolve": Transition(
            [Escalation.Status.OPEN, Escalation.Status.ACKNOWLEDGED],
            Escalation.Status.RESOLVED,
            _("This escalation is already resolved."),
        ),
    },
)
