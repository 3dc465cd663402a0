"""What may be done to a campaign, to an action logged for it, and to a step of a person's
progress checklist, in each of their states.

Read by the services (the one guard), by the pages (they offer only what is allowed) and by the
lifecycle tests, which try every action from every state.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from campaigns.models import Action, Campaign
from campaigns.selectors import StepProgress
from sanctuary.workflow import Lifecycle, Transition

# A step is done by the actions the person logged (whatever they ticked), ticked by hand, or
# still to do.
TO_DO, TICKED, DONE_BY_ACTIONS = "to_do", "ticked", "done_by_actions"


def step_state(step: StepProgress) -> str:
    if step.done_by:
        return DONE_BY_ACTIONS
    return TICKED if step.ticked else TO_DO


_DONE_BY_ACTIONS = _("This step is already done by the actions you logged: there is nothing to tick.")

PROGRESS_STEP = Lifecycle(
    "progress step",
    states=[TO_DO, TICKED, DONE_BY_ACTIONS],
    state=step_state,
    model=StepProgress,
    transitions={
        # Ticking a ticked step again (a double click) changes nothing, and is no error.
        "tick": Transition([TO_DO, TICKED], None, _DONE_BY_ACTIONS),
        "untick": Transition(
            [TO_DO, TICKED],
            None,
            _("This step is done by the actions you logged: it stays done while they are recorded."),
        ),
    },
)

# --- a campaign ----------------------------------------------------------------------------------

C = Campaign.Status

CAMPAIGN = Lifecycle(
    "campaign",
    states=C,
    model=Campaign,
    transitions={
        "log_action": Transition([C.OPEN], None, _("This campaign is not taking new actions.")),
        "sign_pledge": Transition([C.OPEN], None, _("This campaign is no longer taking signatures.")),
    },
)


# --- a logged action ------------------------------------------------------------------------------

# An action's state is its campaign's: while the campaign takes actions its own may be
# corrected; once it has closed, its figures are final, but a person may still take back what
# they logged, and say how it went.
LOGGED, CAMPAIGN_CLOSED = "logged", "campaign_closed"


def action_state(action: Action) -> str:
    return LOGGED if action.campaign.status == Campaign.Status.OPEN else CAMPAIGN_CLOSED


ACTION = Lifecycle(
    "campaign action",
    states=[LOGGED, CAMPAIGN_CLOSED],
    state=action_state,
    model=Action,
    transitions={
        "edit": Transition(
            [LOGGED],
            None,
            _("This campaign has closed: its actions can no longer be changed, only deleted."),
        ),
        "delete": Transition([LOGGED, CAMPAIGN_CLOSED], None, ""),
        "record_outcome": Transition([LOGGED, CAMPAIGN_CLOSED], None, ""),
    },
)
