"""``/feeds/<name>.atom``: Atom feeds of what the public pages already show.

The core serves the feeds; each app contributes its own through the ``feeds`` hook
(``{name: SiteFeed}``), so the core never imports an app. Links and ids are absolute on
``SITE_URL``, whatever host the request came through, so an entry keeps its id for ever.
"""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.contrib.syndication.views import Feed
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.views.decorators.http import require_safe

from sanctuary import hooks

# How many entries a feed carries: readers poll, they do not page back through history.
FEED_LENGTH = 50


def absolute(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


def tag_id(kind: str, key: object) -> str:
    """A permanent Atom id (RFC 4151 tag URI) for an entry that has no page of its own."""
    return f"tag:{urlsplit(settings.SITE_URL).hostname},2026:{kind}:{key}"


def day_start(day: dt.date) -> dt.datetime:
    """A date as the moment it began, for Atom's ``updated`` (which must be a date-time)."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time()))


class SiteFeed(Feed):
    """An Atom feed whose links are on ``SITE_URL``. Subclasses read their entries in one query
    (``items``) and answer every ``item_*`` from the row, so the query count never grows."""

    feed_type = Atom1Feed
    author_name = "City of Sanctuary"
    page_url_name = ""

    def link(self):
        return absolute(reverse(self.page_url_name))

    def feed_url(self):
        return absolute(reverse("feed", args=[self.name]))

    def feed_guid(self):
        return self.feed_url()


def feeds() -> dict[str, SiteFeed]:
    found: dict[str, SiteFeed] = {}
    for provider in hooks.providers("feeds"):
        found.update(provider())
    for name, feed in found.items():
        feed.name = name
    return found


@login_not_required
@require_safe
def feed(request, name: str):
    found = feeds().get(name)
    if found is None:
        raise Http404
    response = found(request)
    response["Cache-Control"] = "public, max-age=300"
    return response
