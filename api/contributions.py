"""What the API app contributes to pages owned by others."""

from __future__ import annotations

from sanctuary import hooks


@hooks.register("sitemaps")
def sitemaps() -> dict:
    from sanctuary.sitemaps import NamedPages

    return {"api": NamedPages(["api:index"])}
