"""What the returnee work holds about a person who is staff (a guardian or coordinator), and
what must happen before they delete their account (sanctuary/rights.py).

Check-ins, escalations, plans and documents they recorded stay, attached to the anonymised
account: they are the case's history. A returnee's own data is never part of a guardian's."""

from __future__ import annotations

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from returnees.models import CircleMember
from sanctuary import hooks
from sanctuary.rights import DataSection


@hooks.register("account_deletion_blockers")
def in_a_circle(user) -> list[str]:
    counts = CircleMember.objects.filter(guardian=user).aggregate(
        circles=Count("pk"), leads=Count("pk", filter=Q(is_lead=True))
    )
    if not counts["circles"]:
        return []
    message = _(
        "You are a guardian in the supporter circle of %(n)d case(s). Ask the safeguarding coordinator "
        "to take you off each circle before deleting your account, so that nobody is left without "
        "their guardians."
    ) % {"n": counts["circles"]}
    if counts["leads"]:
        message += " " + _(
            "You are the lead guardian of %(n)d of them: the coordinator must choose another lead "
            "guardian first."
        ) % {"n": counts["leads"]}
    return [message]


@hooks.register("personal_data")
def personal_data(user) -> DataSection:
    # Only the case's reference is read: a returnee's own details are theirs, not the guardian's.
    circles = (
        CircleMember.objects.filter(guardian=user)
        .order_by("pk")
        .values_list("case__reference", "is_lead", "added_at")
    )
    return DataSection(
        key="returnees",
        title=_("Returnee support"),
        order=60,
        records={
            _("Supporter circles you are in"): [
                {_("Case reference"): reference, _("Lead guardian"): is_lead, _("Added"): added_at}
                for reference, is_lead, added_at in circles
            ],
        },
    )
