"""The other languages of the page being shown, for the header's chooser."""

from __future__ import annotations

from dataclasses import dataclass

from django import template
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from sanctuary.i18n import AUTONYMS, url_in

register = template.Library()


@dataclass(frozen=True)
class Alternate:
    code: str
    name: str  # in its own language
    url: str  # this page in that language


@register.simple_tag(takes_context=True)
def language_alternates(context) -> list[Alternate]:
    request = context.get("request")
    current = translation.get_language()
    path = request.get_full_path() if request is not None else "/"
    alternates = []
    for code, _name in settings.LANGUAGES:
        if code == current:
            continue
        url = url_in(path, code)
        if url == path:  # a page the URLconf does not know (a 404): that language's home
            with translation.override(code):
                url = reverse("home")
        alternates.append(Alternate(code=code, name=AUTONYMS[code], url=url))
    return alternates
