"""The local authority network register in the open data package at ``/data/``."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from la_network import selectors
from sanctuary.opendata import CC_BY_4, Column, Dataset

MYSOCIETY = {
    "title": "mySociety, UK local authority names and codes (CC BY 4.0)",
    "path": "https://pages.mysociety.org/uk_local_authority_names_and_codes/",
    "license": CC_BY_4["name"],
}


def register() -> Dataset:
    return Dataset(
        name="la-network-members",
        title=_("Local Authority Network: member councils"),
        description=_(
            "Councils that are members of the City of Sanctuary Local Authority Network today, "
            "as the public register shows them. Council names and codes contain data from "
            "mySociety (CC BY 4.0)."
        ),
        columns=(
            Column("code", "string", _("The council's code in mySociety's register of local authorities.")),
            Column("name", "string", _("The council's usual short name."), required=True),
            Column("official_name", "string", _("The council's official name.")),
            Column("gss_code", "string", _("The ONS Government Statistical Service code, when it has one.")),
            Column("nation", "string", _("The nation: england, scotland, wales or northern_ireland.")),
            Column(
                "region", "string", _("The region code (in England, the former government office region).")
            ),
            Column("member_from", "date", _("The first day of its current membership."), required=True),
            Column(
                "member_until", "date", _("The day the council's current membership ends."), required=True
            ),
            Column("strategy_title", "string", _("The title of the council's published sanctuary strategy.")),
            Column("strategy_url", "string", _("Where the council publishes its strategy."), format="uri"),
        ),
        primary_key=("code",),
        rows=selectors.open_data_rows,
        sources=(MYSOCIETY,),
    )
