"""What may be done to an application to start a group, a charter signature and an
organisation's pledge, in each of their states.

Read by the services (the one guard), by the pages (they offer only what is allowed) and by the
lifecycle tests, which try every action from every state.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from groups.models import CharterSignature, GroupApplication, OrganisationPledge
from sanctuary.workflow import Lifecycle, Transition

A = GroupApplication.Status

GROUP_APPLICATION = Lifecycle(
    "group application",
    states=A,
    model=GroupApplication,
    transitions={
        "approve": Transition([A.PENDING], A.APPROVED, _("This application has already been decided.")),
        "decline": Transition([A.PENDING], A.DECLINED, _("This application has already been decided.")),
    },
)

# A signature counts once its address is confirmed; until then it can be sent a new link, and
# after CHARTER_UNCONFIRMED_PURGE_DAYS it is deleted.
UNCONFIRMED, CONFIRMED = "unconfirmed", "confirmed"


def signature_state(signature: CharterSignature) -> str:
    return CONFIRMED if signature.confirmed_at else UNCONFIRMED


SIGNATURE = Lifecycle(
    "charter signature",
    states=[UNCONFIRMED, CONFIRMED],
    state=signature_state,
    model=CharterSignature,
    transitions={
        "confirm": Transition(
            [UNCONFIRMED], None, _("This link has already been used: your signature is confirmed.")
        ),
        # Signing again with a confirmed address changes nothing, and the page says the same
        # either way (it must not reveal who has signed): the service asks, it does not refuse.
        "sign_again": Transition([UNCONFIRMED], None, _("This address has already signed the charter.")),
        "purge": Transition([UNCONFIRMED], None, _("A confirmed signature is kept.")),
    },
)

P = OrganisationPledge.Status

PLEDGE = Lifecycle(
    "organisation pledge",
    states=P,
    model=OrganisationPledge,
    transitions={
        "approve": Transition([P.PENDING], P.APPROVED, _("This pledge has already been decided.")),
        "decline": Transition([P.PENDING], P.DECLINED, _("This pledge has already been decided.")),
    },
)
