"""Sanctuary Award holders in the open data package at ``/data/``."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from awards.models import Award
from sanctuary.opendata import Column, Dataset

_COLUMNS = {
    "number": "number",
    "organisation": "organisation__name",
    "region": "organisation__region",
    "award": "stream__award_title",
    "stream": "stream__slug",
    "awarded_on": "awarded_on",
    "expires_on": "expires_on",
}


def current_holders():
    """Awards held today in published streams, by number: one tuple of column values each."""
    return (
        Award.objects.current(timezone.localdate())
        .filter(stream__is_published=True)
        .order_by("number")
        .values_list(*_COLUMNS.values())
    )


def row(values: tuple) -> dict:
    return dict(zip(_COLUMNS, values, strict=True))


def _rows() -> list[dict]:
    return [row(values) for values in current_holders()]


def holders() -> Dataset:
    return Dataset(
        name="award-holders",
        title=_("Sanctuary Award holders"),
        description=_("Organisations that hold a Sanctuary Award today, in every published award stream."),
        columns=(
            Column("number", "string", _("The award's number, as printed on its certificate.")),
            Column("organisation", "string", _("The organisation that holds the award."), required=True),
            Column("region", "string", _("The organisation's region code, if it gave one.")),
            Column("award", "string", _("The award's title (School of Sanctuary...)."), required=True),
            Column("stream", "string", _("The award stream's web address on the platform."), required=True),
            Column("awarded_on", "date", _("The day the award was given."), required=True),
            Column("expires_on", "date", _("The day the award ends unless it is renewed."), required=True),
        ),
        primary_key=("number",),
        rows=_rows,
    )
