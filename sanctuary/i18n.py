"""English and Welsh: which language a page, an email or a PDF is in.

Pages: the URL says it. English pages keep the paths in DESIGN.md; the Welsh page of each is
the same path under ``/cy/`` (``i18n_patterns`` in sanctuary/urls.py, English unprefixed), so
a link shared or bookmarked in Welsh stays Welsh, search engines see both, and no language
cookie is needed. The header offers the other language of the same page
(templates/includes/language_chooser.html); a signed-in person's choice is also remembered on
their account (``User.preferred_language``), and signing in takes them to their language.

Emails are rendered in the recipient's preferred language when the address belongs to an
account, otherwise in the language of the person the message is about when the sender names it
(a sweep has no page: a council's renewal reminder reaches the councillor and officer in the
language the council applied in), else in the language of the page that caused them
(sanctuary/notifications.py).
Links to the platform in an email lead to pages in the email's language.

PDFs kept as issued (certificates, return plans) are rendered once, in the language of the
person they are for (``pdf_language``): a certificate in its holder's, a return plan in its
author's.

Words that come from database rows staff edit (award streams and criteria, campaigns and their
action types, charter versions) have their Welsh in a sibling field or key, ``<field>_cy``;
``localised`` picks the one for the active language, falling back to the English when no Welsh
has been written. Machine interfaces (open data, the API, feeds) keep the English field.
"""

from __future__ import annotations

from collections.abc import Iterable
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.db.models import Expression, F, Value
from django.db.models.functions import Coalesce, NullIf
from django.urls import translate_url
from django.utils import translation
from django.utils.functional import lazy

# Each language named in itself, as a chooser shows it.
AUTONYMS = {"en-gb": "English", "cy": "Cymraeg"}


# Welsh for django-allauth's strings (allauth ships none), kept by hand: not extracted.
VENDOR_CATALOG = "locale_vendor"


def _other_language() -> str | None:
    """The suffix of the fields holding the active language's values (``cy``), or None when
    the active language is the default, whose values are the fields themselves."""
    language = translation.get_language()
    if language and language != settings.LANGUAGE_CODE:
        return language.replace("-", "_")
    return None


def _value(obj: Any, field: str) -> Any:
    if isinstance(obj, dict):
        return obj.get(field, "")
    return getattr(obj, field, "")


def localised(obj: Any, field: str) -> Any:
    """``obj.field`` (or ``obj[field]`` for a dict, such as an action type's field definition)
    in the active language: its ``<field>_cy`` when the language is Welsh and that is filled
    in, else the English value."""
    if suffix := _other_language():
        other = _value(obj, f"{field}_{suffix}")
        if other:
            return other
    return _value(obj, field)


def localised_expression(path: str) -> Expression:
    """``localised`` inside a query that reads values rather than rows
    (``values_list(localised_expression("action_type__name"))``): the same column choice, made
    by the database in the same query."""
    if suffix := _other_language():
        return Coalesce(NullIf(F(f"{path}_{suffix}"), Value("")), F(path))
    return F(path)


# For contexts built before the language is chosen (an email's, rendered in each recipient's
# language): the value is picked when the template shows it.
localised_lazy = lazy(localised, str)


def catalogs() -> list[Path]:
    """Every translation catalogue's locale directory: the project's (templates/ and
    sanctuary/) and one per app. Data, not code: an app is added in settings.SANCTUARY_APPS."""
    return [Path(settings.BASE_DIR) / "locale"] + [
        Path(settings.BASE_DIR) / app / "locale" for app in settings.SANCTUARY_APPS
    ]


def supported(language: str | None) -> str:
    """``language`` if the platform speaks it, else the default."""
    codes = dict(settings.LANGUAGES)
    return language if language in codes else settings.LANGUAGE_CODE


@contextmanager
def language_of(language: str | None):
    """Render the block in ``language`` (the default when it is empty or unknown)."""
    with translation.override(supported(language)):
        yield


def _translated(path: str, language: str) -> str:
    # A path is read in the language its prefix says (/cy/... Welsh, else English), whatever
    # language is active now.
    with translation.override(translation.get_language_from_path(path) or settings.LANGUAGE_CODE):
        return translate_url(path, supported(language))


def url_in(url: str, language: str, *, bases: Iterable[str] = ()) -> str:
    """The same page in ``language``: a path, or an absolute URL on ``SITE_URL`` (or on one of
    ``bases``, scheme and host). Anything the URLconf does not know, or an address elsewhere,
    comes back unchanged."""
    for base in (settings.SITE_URL, *bases):
        base = base.rstrip("/")
        if url.startswith(base + "/"):
            return base + _translated(url.removeprefix(base), language)
    if urlsplit(url).netloc or not url.startswith("/"):
        return url
    return _translated(url, language)


def links_in(context: dict[str, Any], language: str, *, bases: Iterable[str] = ()) -> dict[str, Any]:
    """``context`` with every link to the platform among its values leading to the page in
    ``language`` (an email's links, built by the code that sent it)."""
    bases = tuple(bases)
    return {
        key: url_in(value, language, bases=bases) if isinstance(value, str) and "/" in value else value
        for key, value in context.items()
    }


def path_without_language(path: str) -> str:
    """``/cy/groups/`` -> ``/groups/``: the page whatever its language."""
    language = translation.get_language_from_path(path)
    if language and language != settings.LANGUAGE_CODE:
        return path.removeprefix(f"/{language}") or "/"
    return path


def languages_of(addresses: Iterable[str]) -> dict[str, str]:
    """The preferred language of each address that belongs to an account (lower-cased)."""
    from sanctuary.models import User

    wanted = list(addresses)
    found: dict[str, str] = {}
    # One query for a sweep's batch; chunked so a national-scale batch stays within the
    # database's limit on bound parameters.
    for start in range(0, len(wanted), 5000):
        chunk = wanted[start : start + 5000]
        found.update(User.objects.filter(email__in=chunk).values_list("email", "preferred_language"))
    return found


def user_language(user) -> str:
    return supported(getattr(user, "preferred_language", None))
