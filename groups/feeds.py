"""The Atom feed of new local groups: the groups the public directory lists, newest first."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from groups import selectors
from groups.models import Group
from sanctuary.feeds import FEED_LENGTH, SiteFeed, absolute
from sanctuary.geography import Region

REGION_LABELS = dict(Region.choices)
STATUS_LABELS = dict(Group.Status.choices)


class NewGroups(SiteFeed):
    title = _("New City of Sanctuary groups")
    subtitle = _("Local groups as they join the network, newest first.")
    page_url_name = "groups:directory"

    def items(self):
        return selectors.directory().order_by("-created_at", "-pk")[:FEED_LENGTH]

    def item_title(self, group):
        return group.name

    def item_description(self, group):
        region = REGION_LABELS.get(group.region, group.region)
        status = STATUS_LABELS.get(group.status, group.status)
        summary = f"{group.area_served} · {region} · {status}"
        return f"{summary}\n\n{group.description}" if group.description else summary

    def item_link(self, group):
        return absolute(reverse("groups:detail", args=[group.slug]))

    def item_pubdate(self, group):
        return group.created_at

    def item_updateddate(self, group):
        return group.created_at
