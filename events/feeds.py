"""The Atom feed of events as groups publish them, newest first (``/feeds/events.atom``)."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from events import selectors
from sanctuary.feeds import FEED_LENGTH, SiteFeed, absolute


class UpcomingEvents(SiteFeed):
    title = _("City of Sanctuary events")
    subtitle = _("Events of local groups as they are published, newest first.")
    page_url_name = "events:whats_on"

    def items(self):
        return selectors.public_upcoming_events().order_by("-created_at", "-pk")[:FEED_LENGTH]

    def item_title(self, event):
        if event.is_cancelled:
            return _("Cancelled: %(title)s") % {"title": event.title}
        return event.title

    def item_description(self, event):
        when = date_format(timezone.localtime(event.starts_at), "DATETIME_FORMAT")
        summary = f"{when} · {event.group.name}"
        return f"{summary}\n\n{event.description}" if event.description else summary

    def item_link(self, event):
        return absolute(reverse("events:detail", args=[event.pk]))

    def item_pubdate(self, event):
        return event.created_at

    def item_updateddate(self, event):
        return event.updated_at
