"""Every view needs a signed-in user unless it is on the explicit public list.

Each app keeps its public URL names in ``tests/<app>/public_urls.py`` as ``PUBLIC``;
a new view that is not listed must send anonymous visitors to the login page, and a
view without a name fails the walk.
"""

from __future__ import annotations

import uuid
from importlib import import_module

import pytest
from django.conf import settings
from django.urls import URLPattern, URLResolver, get_resolver

CORE_PUBLIC = {
    "home",
    "healthz",
    "privacy",
    "accessibility",
    "robots_txt",
    "sitemap",
    "security_txt",
    "favicon",
    "open_data",
    "open_data_package",
}
# Public, with the name of what they show in the path: the Atom feeds (tests/sanctuary/test_feeds.py)
# and the open data files (tests/sanctuary/test_open_data.py).
CORE_PUBLIC_WITH_ARGS = {"feed", "open_data_csv", "open_data_json"}
# Opened from an emailed link before the person has an account (tests/sanctuary/test_invitations.py).
CORE_PUBLIC_WITH_TOKEN = {"staff_invitation_accept", "unsubscribe"}
# Third-party URL trees that guard themselves: allauth's pages and the Django admin.
SELF_GUARDED_PREFIXES = ("accounts/", "admin/")


def public_names() -> set[str]:
    names = CORE_PUBLIC | CORE_PUBLIC_WITH_ARGS | CORE_PUBLIC_WITH_TOKEN
    for app in settings.SANCTUARY_APPS:
        try:
            module = import_module(f"tests.{app}.public_urls")
        except ModuleNotFoundError:
            continue
        names |= set(module.PUBLIC)
    return names


def _sample(converter_name: str) -> str:
    return {"int": "1", "uuid": str(uuid.uuid4()), "slug": "sample", "path": "sample/x"}.get(
        converter_name, "sample"
    )


def walk(resolver: URLResolver, prefix: str = "", namespace: str = ""):
    for entry in resolver.url_patterns:
        pattern = str(entry.pattern)
        if isinstance(entry, URLResolver):
            ns = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from walk(entry, prefix + pattern, ns)
        elif isinstance(entry, URLPattern):
            yield prefix + pattern, (f"{namespace}{entry.name}" if entry.name else None), entry


def concrete_path(route: str, pattern: URLPattern) -> str:
    """Fill each converter in a route with a sample value."""
    import re

    def fill(match):
        converter = match.group(1) or "str"
        return _sample(converter)

    path = re.sub(r"<(?:(\w+):)?\w+>", fill, route)
    return "/" + path.lstrip("^").rstrip("$")


APP_PATTERNS = [
    (route, name, entry)
    for route, name, entry in walk(get_resolver())
    if not route.startswith(SELF_GUARDED_PREFIXES)
]


def test_every_view_has_a_name():
    unnamed = [route for route, name, _ in APP_PATTERNS if not name]
    assert unnamed == []


def test_public_list_names_only_real_views():
    names = {name for _, name, _ in APP_PATTERNS}
    assert public_names() - names == set()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "route,name",
    [(r, n) for r, n, _ in APP_PATTERNS if n not in public_names()],
    ids=lambda value: str(value),
)
def test_anonymous_visitor_is_sent_to_login(client, route, name):
    entry = next(e for r, n, e in APP_PATTERNS if r == route)
    response = client.get(concrete_path(route, entry))
    assert response.status_code == 302, name
    assert response["Location"].startswith(
        settings.LOGIN_URL if "/" in settings.LOGIN_URL else "/accounts/login/"
    ), name


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(CORE_PUBLIC))
def test_public_core_pages_answer_anonymous_visitors(client, name):
    from django.urls import reverse

    # /healthz answers 503 here (no scheduler runs in tests): still an answer, not a login page.
    expected = {"healthz": {200, 503}, "favicon": {301}}.get(name, {200})
    assert client.get(reverse(name)).status_code in expected
