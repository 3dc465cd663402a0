"""What events adds to pages owned by others: the group page, the lead's dashboard, the
sitemap, an Atom feed and the JSON API (each provider: a fixed number of queries)."""

from __future__ import annotations

from django.urls import reverse

from events import selectors
from sanctuary import hooks
from sanctuary.hooks import Panel
from sanctuary.permissions import is_signed_in


@hooks.register("group_sections")
def group_upcoming_events(group):
    return Panel(
        template="events/panels/group_section.html",
        context={"group": group, "events": selectors.group_upcoming_section(group)},
        order=20,
    )


@hooks.register("dashboard_panels")
def events_to_record(request):
    """A lead's events that have happened, each one click away from the activity record."""
    if not is_signed_in(request.user):
        return None
    events = selectors.events_to_record(request.user)
    if not events:
        return None
    return Panel(template="events/panels/to_record.html", context={"events": events}, order=15)


@hooks.register("sitemaps")
def sitemaps() -> dict:
    from sanctuary.sitemaps import NamedPages, SiteSitemap

    class EventPages(SiteSitemap):
        changefreq = "weekly"

        def items(self):
            return selectors.public_upcoming_events().select_related(None).only("pk", "updated_at")

        def location(self, event):
            return reverse("events:detail", args=[event.pk])

        def lastmod(self, event):
            return event.updated_at

    return {"events": NamedPages(["events:whats_on"]), "event_pages": EventPages()}


@hooks.register("feeds")
def feeds() -> dict:
    from events.feeds import UpcomingEvents

    return {"events": UpcomingEvents()}


@hooks.register("api_endpoints")
def api_endpoints() -> list:
    from events.api import events

    return [events()]
