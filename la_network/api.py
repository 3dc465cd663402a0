"""The Local Authority Network register in the public JSON API at ``/api/v1/la-network-members/``."""

from __future__ import annotations

from api.endpoints import Endpoint, Filter, dataset_fields
from la_network import opendata, selectors
from sanctuary.geography import Nation, Region


def _items(filters: dict[str, str]) -> list[selectors.Member]:
    # As the public register filters them: today's members (one cached read), by name.
    nation, region = filters.get("nation"), filters.get("region")
    return [
        m
        for m in selectors.members_today()
        if (not nation or m.nation == nation) and (not region or m.region == region)
    ]


def members() -> Endpoint:
    table = opendata.register()
    return Endpoint(
        name="la-network-members",
        title=table.title,
        description=(
            "Councils that are members of the Local Authority Network today, by name, as the public "
            "register shows them (it shows no other council, nor any application). Council names "
            "and codes contain data from mySociety (CC BY 4.0)."
        ),
        schema_name="MemberCouncil",
        fields=dataset_fields(table),
        filters=(
            Filter("nation", "Only councils in this nation.", choices=tuple(Nation.values)),
            Filter("region", "Only councils in this region.", choices=tuple(Region.values)),
        ),
        items=_items,
        row=selectors.open_data_row,
        cache_topic=selectors.MEMBERS_FIGURES,
        examples=("nation=scotland",),
    )
