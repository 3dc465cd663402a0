"""What the resource library adds to pages owned by others. Each provider runs a fixed number of queries."""

from __future__ import annotations

from django.urls import reverse

from resources import selectors
from sanctuary import hooks
from sanctuary.permissions import is_signed_in


@hooks.register("stream_sections")
def stream_pack(stream, user) -> hooks.Panel | None:
    """The stream's resource pack on its page and on its applications' task lists (cached)."""
    pack = selectors.stream_pack(stream.pk, members=is_signed_in(user))
    if not pack:
        return None
    return hooks.Panel(
        template="resources/panels/stream_pack.html",
        context={"resources": pack, "stream": stream, "more": len(pack) >= selectors.PACK_LIMIT},
        order=50,
    )


@hooks.register("sitemaps")
def sitemaps() -> dict:
    from resources.models import Resource
    from sanctuary.sitemaps import NamedPages, SiteSitemap

    class ResourcePages(SiteSitemap):
        """Published resources everyone may see (members-only ones are not listed)."""

        changefreq = "monthly"

        def items(self):
            return (
                Resource.objects.filter(status=Resource.Status.PUBLISHED, audience=Resource.Audience.PUBLIC)
                .order_by("pk")
                .only("pk")
            )

        def location(self, resource):
            return reverse("resources:detail", args=[resource.pk])

    return {"resources": NamedPages(["resources:library"]), "resource_pages": ResourcePages()}
