"""What may be done to an award application, a panel member's review and an award, by state.

Read by the services (the one guard), the pages (they offer only what is allowed) and the
lifecycle tests, which try every action from every state.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from awards.models import Application, Award, PanelMember
from sanctuary.workflow import Lifecycle, Transition

S = Application.Status
OPEN = (S.DRAFT, S.SUBMITTED, S.IN_REVIEW, S.MORE_EVIDENCE)
EDITABLE = (S.DRAFT, S.MORE_EVIDENCE)

APPLICATION = Lifecycle(
    "award application",
    states=S,
    model=Application,
    transitions={
        "edit_answers": Transition(EDITABLE, None, _("This application cannot be changed now.")),
        "edit_commitments": Transition(
            [S.DRAFT], None, _("Commitments can only be changed before submission.")
        ),
        "submit": Transition(EDITABLE, S.SUBMITTED, _("This application has already been submitted.")),
        "respond_endorsement": Transition(OPEN, None, _("This application has been decided.")),
        "withdraw": Transition(OPEN, S.WITHDRAWN, _("Only an open application can be withdrawn.")),
        "form_panel": Transition(
            [S.SUBMITTED, S.IN_REVIEW, S.MORE_EVIDENCE],
            None,
            _("A panel can only be formed for a submitted application."),
        ),
        "start_review": Transition(
            [S.SUBMITTED], S.IN_REVIEW, _("Only a submitted application can go to review.")
        ),
        "request_evidence": Transition(
            [S.IN_REVIEW], S.MORE_EVIDENCE, _("More evidence can only be requested during review.")
        ),
        "decide": Transition(
            [S.IN_REVIEW], None, _("A decision can only be made on an application in review.")
        ),
    },
)

# A panel member's review: they first declare any conflict, then write a draft only they see,
# then submit it. A submitted review is sealed: only national staff can reopen it, with a reason.
AWAITING_DECLARATION, CONFLICTED, DRAFTING, SUBMITTED = (
    "awaiting_declaration",
    "conflicted",
    "drafting",
    "submitted",
)


def review_state(member: PanelMember) -> str:
    if member.conflict == PanelMember.Conflict.UNDECLARED:
        return AWAITING_DECLARATION
    if member.conflict == PanelMember.Conflict.DECLARED:
        return CONFLICTED
    return SUBMITTED if member.review_submitted_at else DRAFTING


REVIEW = Lifecycle(
    "panel review",
    states=[AWAITING_DECLARATION, CONFLICTED, DRAFTING, SUBMITTED],
    state=review_state,
    model=PanelMember,
    transitions={
        "declare_conflict": Transition(
            [AWAITING_DECLARATION], None, _("You have already made your declaration.")
        ),
        "write": Transition(
            [DRAFTING],
            None,
            {
                SUBMITTED: _(
                    "Your review has been submitted and is locked. If something must change, ask "
                    "the national team to reopen it."
                ),
                CONFLICTED: _("You declared a conflict of interest: you do not review this application."),
                None: _("Declare that you have no conflict of interest before reviewing."),
            },
        ),
        "reopen": Transition([SUBMITTED], None, _("Only a submitted review can be reopened.")),
    },
)

AWARD = Lifecycle(
    "award",
    states=["current", "expiring", "expired", "renewed", "withdrawn"],
    state=lambda award: award.state(),
    model=Award,
    transitions={
        "reaccredit": Transition(
            ["expiring", "expired"], None, _("Re-accreditation opens three months before the award expires.")
        ),
    },
)
