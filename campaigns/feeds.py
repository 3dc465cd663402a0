"""The Atom feed of campaign actions shared publicly, newest first.

Only what a campaign page's public feed shows, and less: no author's name (the page shows a
first name when the action was not done for a group), no link or photo the author added.
"""

from __future__ import annotations

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy

from campaigns.models import Action, Campaign
from sanctuary.feeds import FEED_LENGTH, SiteFeed, absolute, day_start, tag_id
from sanctuary.geography import Region

REGION_LABELS = dict(Region.choices)


class PublicActions(SiteFeed):
    title = gettext_lazy("Campaign actions")
    subtitle = gettext_lazy("Actions people shared publicly in City of Sanctuary campaigns, newest first.")
    page_url_name = "campaigns:index"

    def items(self):
        return (
            Action.objects.filter(is_public=True)
            .exclude(campaign__status=Campaign.Status.DRAFT)
            .order_by("-done_on", "-pk")
            .values(
                "pk",
                "done_on",
                "place",
                "region",
                "action_type__name",
                "group__name",
                "campaign__title",
                "campaign__slug",
            )[:FEED_LENGTH]
        )

    def item_title(self, row):
        return f"{row['action_type__name']} · {row['campaign__title']}"

    def item_description(self, row):
        parts = [
            date_format(row["done_on"]),
            row["place"],
            str(REGION_LABELS.get(row["region"], "")),
            row["group__name"] or "",
        ]
        return " · ".join(part for part in parts if part)

    def item_link(self, row):
        return absolute(reverse("campaigns:detail", args=[row["campaign__slug"]]))

    def item_guid(self, row):
        return tag_id("campaign-action", row["pk"])

    item_guid_is_permalink = False

    def item_pubdate(self, row):
        return day_start(row["done_on"])

    def item_updateddate(self, row):
        return day_start(row["done_on"])
