"""``/sitemap.xml``: the public pages search engines may list.

The core lists its own pages; each app adds its public ones through the ``sitemaps`` hook
(``{name: Sitemap}``), so the core never imports an app. Links are absolute on ``SITE_URL``,
whatever host the request came through.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from sanctuary import hooks


class SiteSitemap(Sitemap):
    """A sitemap whose links are on ``SITE_URL`` (scheme and host), each page in English and
    in Welsh, with the other language named as its alternate (hreflang)."""

    i18n = True
    alternates = True

    def get_urls(self, page=1, site=None, protocol=None):
        base = urlsplit(settings.SITE_URL)
        return super().get_urls(page=page, site=_Site(base.netloc), protocol=base.scheme)


class _Site:
    def __init__(self, domain: str):
        self.domain = domain
        self.name = domain


class NamedPages(SiteSitemap):
    """Pages without parameters, by URL name."""

    changefreq = "weekly"

    def __init__(self, names: list[str]):
        self.names = names

    def items(self):
        return self.names

    def location(self, item):
        return reverse(item)


def sitemaps() -> dict[str, Sitemap]:
    found: dict[str, Sitemap] = {
        "core": NamedPages(["home", "privacy", "accessibility", "open_data"]),
    }
    for provider in hooks.providers("sitemaps"):
        found.update(provider())
    return found
