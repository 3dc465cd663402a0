"""What may be done to an event in each of its states.

An event's state is its status, except that a scheduled event whose end has passed has
"ended", and one whose activity has been recorded is "recorded". Read by the services (the one
guard), by the pages (they offer only what is allowed) and by the lifecycle tests.
"""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from events.models import Event
from sanctuary.workflow import Lifecycle, Transition

SCHEDULED, ENDED, RECORDED, CANCELLED = "scheduled", "ended", "recorded", "cancelled"


def event_state(event: Event) -> str:
    if event.status == Event.Status.CANCELLED:
        return CANCELLED
    if event.activity_recorded_at is not None:
        return RECORDED
    if event.has_ended(timezone.now()):
        return ENDED
    return SCHEDULED


_OVER = _("This event has already ended: it can no longer be changed or cancelled.")

EVENT = Lifecycle(
    "event",
    states=[SCHEDULED, ENDED, RECORDED, CANCELLED],
    state=event_state,
    model=Event,
    transitions={
        "update": Transition(
            [SCHEDULED],
            None,
            {CANCELLED: _("This event has been cancelled: it can no longer be changed."), None: _OVER},
        ),
        "cancel": Transition(
            [SCHEDULED], CANCELLED, {CANCELLED: _("This event has already been cancelled."), None: _OVER}
        ),
        "record_activity": Transition(
            [ENDED],
            None,
            {
                SCHEDULED: _("This event has not ended yet: record it once it has happened."),
                RECORDED: _("This event is already in the group's activity record."),
                CANCELLED: _("A cancelled event did not happen, so there is nothing to record."),
            },
        ),
    },
)
