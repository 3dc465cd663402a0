"""What may be done to a network application, and to a membership, in each of their states.

Read by the services (the one guard), by the pages (they offer only what is allowed) and by the
lifecycle tests. A membership's state is read from its dates as well as its status: a term that
has not started yet is "upcoming", the last months of a term are "renewal due", and a renewed
term is still the council's current term until its last day.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from la_network.models import Application, Membership
from sanctuary.terms import Reminders
from sanctuary.workflow import Lifecycle, Transition

S = Application.Status
OPEN = (S.DRAFT, S.SUBMITTED, S.IN_REVIEW, S.CHANGES_REQUESTED)

APPLICATION = Lifecycle(
    "network application",
    states=S,
    model=Application,
    transitions={
        "edit": Transition(
            [S.DRAFT, S.CHANGES_REQUESTED],
            None,
            _("This application has been sent: it can be changed again only if the national team asks."),
        ),
        "submit": Transition(
            [S.DRAFT, S.CHANGES_REQUESTED], S.SUBMITTED, _("This application has already been sent.")
        ),
        "answer_endorsement": Transition(
            OPEN, None, _("The application has been decided: the group's answer can no longer change.")
        ),
        "waive_endorsement": Transition(OPEN, None, _("The application has been decided.")),
        "review": Transition(
            [S.SUBMITTED, S.IN_REVIEW], S.IN_REVIEW, _("Only a sent application can be reviewed.")
        ),
        "request_changes": Transition(
            [S.SUBMITTED, S.IN_REVIEW], S.CHANGES_REQUESTED, _("Only a sent application can be decided.")
        ),
        "decline": Transition(
            [S.SUBMITTED, S.IN_REVIEW], S.DECLINED, _("Only a sent application can be decided.")
        ),
        "approve": Transition(
            [S.SUBMITTED, S.IN_REVIEW], S.APPROVED, _("Only a sent application can be decided.")
        ),
    },
)

UPCOMING, CURRENT, RENEWAL_DUE, ENDED = "upcoming", "current", "renewal_due", "ended"


def reminder_rule(months: int) -> str:
    return f"expiry_{months}m" if months else "expiry_day"


def renewal_reminders() -> Reminders:
    """The staged renewal reminders (from settings, so a test can change them)."""
    return Reminders.of((reminder_rule(m), m) for m in settings.LA_RENEWAL_REMINDER_MONTHS)


def renewal_opens_on(membership: Membership) -> dt.date:
    return renewal_reminders().window_opens_on(membership.ends_on)


def membership_state(membership: Membership, today: dt.date | None = None) -> str:
    """upcoming | current | renewal_due | ended | renewed | lapsed, on ``today``."""
    today = today or timezone.localdate()
    if membership.status == Membership.Status.LAPSED:
        return Membership.Status.LAPSED
    if membership.starts_on > today:
        return UPCOMING
    if membership.ends_on < today:
        # A renewed term has been followed by the next; an active one awaits the sweep's lapse.
        return Membership.Status.RENEWED if membership.status == Membership.Status.RENEWED else ENDED
    if membership.status == Membership.Status.RENEWED:
        return CURRENT  # the next term is agreed; this one still runs to its last day
    return RENEWAL_DUE if today >= renewal_opens_on(membership) else CURRENT


MEMBERSHIP = Lifecycle(
    "membership",
    states=[UPCOMING, CURRENT, RENEWAL_DUE, ENDED, Membership.Status.RENEWED, Membership.Status.LAPSED],
    state=membership_state,
    model=Membership,
    transitions={
        "start_renewal": Transition(
            [RENEWAL_DUE],
            None,
            _("This term cannot be renewed now: renewal opens in its last months, once it has started."),
        ),
        "lapse": Transition([ENDED], Membership.Status.LAPSED, _("Only a term that has ended can lapse.")),
        # The certificate and the logo belong to a term that has not ended.
        "download_documents": Transition(
            [UPCOMING, CURRENT, RENEWAL_DUE],
            None,
            _("This term has ended: its certificate and logo are no longer valid."),
        ),
    },
)
