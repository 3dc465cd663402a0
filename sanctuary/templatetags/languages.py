"""The other languages of the page being shown, for the header's chooser, and words from
staff-edited rows in the page's language (``{{ stream|localised:"award_title" }}``)."""

from __future__ import annotations

from dataclasses import dataclass

from django import template
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from sanctuary.i18n import AUTONYMS, path_without_language
from sanctuary.i18n import localised as localised_value

register = template.Library()


@dataclass(frozen=True)
class Alternate:
    code: str
    name: str  # in its own language
    url: str  # this page in that language


def _in_language(request, code: str) -> str:
    """This page's URL in ``code``. Pages differ only by the /cy/ prefix (no path is
    translated), so the prefix is swapped: resolving and reversing every page's URL again cost
    more than the rest of the chooser. A page the URLconf did not match (a 404) offers that
    language's home."""
    if request is None or getattr(request, "resolver_match", None) is None:
        with translation.override(code):
            return reverse("home")
    path = path_without_language(request.path_info)
    prefix = "" if code == settings.LANGUAGE_CODE else f"/{code}"
    query = request.META.get("QUERY_STRING", "")
    return f"{request.META.get('SCRIPT_NAME', '')}{prefix}{path}" + (f"?{query}" if query else "")


@register.simple_tag(takes_context=True)
def language_alternates(context) -> list[Alternate]:
    request = context.get("request")
    current = translation.get_language()
    return [
        Alternate(code=code, name=AUTONYMS[code], url=_in_language(request, code))
        for code, _name in settings.LANGUAGES
        if code != current
    ]


@register.filter
def localised(obj, field: str):
    """``obj``'s ``field`` in the active language (sanctuary.i18n.localised)."""
    if obj is None or obj == "":
        return ""
    return localised_value(obj, field)
