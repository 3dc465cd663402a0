"""The group directory in the open data package at ``/data/``."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from groups import selectors
from sanctuary.feeds import absolute
from sanctuary.opendata import Column, Dataset

# The columns a row reads, for ``QuerySet.only``.
ROW_FIELDS = ("slug", "name", "area_served", "nation", "region", "status", "founded_on", "website")


def row(g) -> dict:
    """One group as the directory's open data (and the public API) shows it."""
    return {
        "slug": g.slug,
        "name": g.name,
        "area_served": g.area_served,
        "nation": g.nation,
        "region": g.region,
        "status": g.status,
        "founded_on": g.founded_on,
        "website": g.website,
        "page_url": absolute(reverse("groups:detail", args=[g.slug])),
    }


def _rows() -> list[dict]:
    return [row(g) for g in selectors.directory().order_by("slug").only(*ROW_FIELDS)]


def directory() -> Dataset:
    return Dataset(
        name="groups",
        title=_("Local City of Sanctuary groups"),
        description=_("The local groups the public directory lists (every group that has not closed)."),
        columns=(
            Column("slug", "string", _("The group's web address on the platform: its identifier.")),
            Column("name", "string", _("The group's name."), required=True),
            Column(
                "area_served", "string", _("The town, city or area the group works in, in its own words.")
            ),
            Column("nation", "string", _("The nation: england, scotland, wales or northern_ireland.")),
            Column("region", "string", _("The region code.")),
            Column("status", "string", _("forming, active or dormant.")),
            Column("founded_on", "date", _("When the group was founded, if it told us.")),
            Column("website", "string", _("The group's own website, if it has one."), format="uri"),
            Column("page_url", "string", _("The group's page on the platform."), format="uri", required=True),
        ),
        primary_key=("slug",),
        rows=_rows,
    )
