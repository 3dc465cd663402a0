"""The Atom feed of award holders: current awards in published streams, newest first, with
only what a stream's public list of holders shows."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from awards.models import Award
from sanctuary.feeds import FEED_LENGTH, SiteFeed, absolute, day_start, tag_id
from sanctuary.geography import Region

REGION_LABELS = dict(Region.choices)


class AwardHolders(SiteFeed):
    title = gettext_lazy("Sanctuary Award holders")
    subtitle = gettext_lazy("Organisations as they are given a Sanctuary Award, newest first.")
    page_url_name = "awards:index"

    def items(self):
        return (
            Award.objects.current(timezone.localdate())
            .filter(stream__is_published=True)
            .order_by("-awarded_on", "-pk")
            .values(
                "number",
                "awarded_on",
                "expires_on",
                "organisation__name",
                "organisation__region",
                "stream__slug",
                "stream__award_title",
            )[:FEED_LENGTH]
        )

    def item_title(self, row):
        return _("%(organisation)s: %(award)s") % {
            "organisation": row["organisation__name"],
            "award": row["stream__award_title"],
        }

    def item_description(self, row):
        parts = [
            _("Award number %(number)s") % {"number": row["number"]},
            str(REGION_LABELS.get(row["organisation__region"], "")),
            _("held until %(day)s") % {"day": date_format(row["expires_on"])},
        ]
        return " · ".join(part for part in parts if part)

    def item_link(self, row):
        return absolute(reverse("awards:stream", args=[row["stream__slug"]]))

    def item_guid(self, row):
        return tag_id("award", row["number"])

    item_guid_is_permalink = False

    def item_pubdate(self, row):
        return day_start(row["awarded_on"])

    def item_updateddate(self, row):
        return day_start(row["awarded_on"])
