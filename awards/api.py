"""Sanctuary Award holders in the public JSON API at ``/api/v1/award-holders/``."""

from __future__ import annotations

from api.endpoints import Endpoint, Filter, dataset_fields
from awards import opendata, selectors
from sanctuary.geography import Region


def _items(filters: dict[str, str]):
    holders = opendata.current_holders()
    if "stream" in filters:
        holders = holders.filter(stream__slug=filters["stream"])
    if "region" in filters:
        holders = holders.filter(organisation__region=filters["region"])
    return holders


def holders() -> Endpoint:
    table = opendata.holders()
    return Endpoint(
        name="award-holders",
        title=table.title,
        description=(
            "Organisations that hold a Sanctuary Award today, in every published award stream, "
            "by award number."
        ),
        schema_name="AwardHolder",
        fields=dataset_fields(table),
        filters=(
            Filter("stream", "Only awards of this stream, by its web address (schools...).", max_length=80),
            Filter("region", "Only organisations in this region.", choices=tuple(Region.values)),
        ),
        items=_items,
        row=opendata.row,
        cache_topic=selectors.HOLDERS_TOPIC,
        examples=("stream=schools",),
    )
