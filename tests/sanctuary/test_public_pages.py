"""Pages that never dead-end, and the files robots, search engines and researchers look for."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.test import RequestFactory
from django.views import defaults

from tests.awards.factories import StreamFactory
from tests.factories import GroupFactory, UserFactory

WAYS_ON = ('href="/"', 'href="/groups/"', 'href="/charter/"')


def _is_whole_page(html: str) -> None:
    assert html.lstrip().lower().startswith("<!doctype html>")
    assert '<main id="main"' in html
    assert 'href="/privacy/"' in html and 'href="/accessibility/"' in html
    for link in WAYS_ON:
        assert link in html


@pytest.mark.django_db
def test_an_unknown_address_gets_the_site_layout_with_ways_on(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    _is_whole_page(html)
    assert "Page not found" in html
    assert 'name="robots" content="noindex"' in html


@pytest.mark.django_db
def test_a_refused_page_says_so_and_offers_to_sign_in():
    request = RequestFactory().get("/somewhere/")
    from django.contrib.auth.models import AnonymousUser

    request.user = AnonymousUser()
    response = defaults.permission_denied(request, PermissionDenied())
    assert response.status_code == 403
    html = response.content.decode()
    _is_whole_page(html)
    assert "/accounts/login/?next=/somewhere/" in html


@pytest.mark.django_db
def test_a_form_sent_without_its_csrf_token_gets_a_whole_page_that_says_what_to_do():
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    response = client.post("/charter/", {"name": "Someone"})
    assert response.status_code == 403
    html = response.content.decode()
    _is_whole_page(html)
    assert "Your form could not be sent" in html and "reload the page" in html


@pytest.mark.django_db
def test_a_bad_request_page_is_a_whole_page():
    request = RequestFactory().get("/")
    request.user = UserFactory()
    response = defaults.bad_request(request, Exception("bad"))
    assert response.status_code == 400
    _is_whole_page(response.content.decode())


def test_the_error_page_renders_with_the_database_unreachable():
    """No ``db`` fixture: pytest-django blocks every database access in this test, so any query
    made while rendering the 500 page (a context processor, a template tag) would fail it."""
    response = defaults.server_error(RequestFactory().get("/groups/riverton/"))
    assert response.status_code == 500
    html = response.content.decode()
    _is_whole_page(html)
    assert "Something went wrong on our side" in html


def test_robots_txt_keeps_private_paths_out_and_names_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    for path in ("/accounts/", "/admin/", "/returnees/", "/unsubscribe/", "/charter/confirm/"):
        assert f"Disallow: {path}" in text
    assert f"Sitemap: {settings.SITE_URL}/sitemap.xml" in text


@pytest.mark.django_db
def test_the_sitemap_lists_the_public_pages_and_every_group(client, django_assert_max_num_queries):
    groups = [GroupFactory(slug="riverton"), GroupFactory(slug="northfield")]
    stream = StreamFactory(slug="schools", is_published=True)
    with django_assert_max_num_queries(6):
        response = client.get("/sitemap.xml")
    assert response.status_code == 200
    locations = set(re.findall(r"<loc>([^<]+)</loc>", response.content.decode()))
    expected = {
        "/",
        "/charter/",
        "/groups/",
        "/la-network/",
        "/awards/",
        f"/awards/{stream.slug}/",
        "/privacy/",
        "/accessibility/",
        *(f"/groups/{group.slug}/" for group in groups),
    }
    assert {settings.SITE_URL + path for path in expected} <= locations
    assert not any("/accounts/" in loc or "/returnees/" in loc for loc in locations)


def test_security_txt_follows_rfc_9116(client, settings):
    settings.SECURITY_CONTACT = "mailto:security@sanctuary.example"
    settings.SECURITY_TXT_EXPIRES = "2027-06-30"
    response = client.get("/.well-known/security.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    fields = dict(line.split(": ", 1) for line in response.content.decode().splitlines())
    assert fields["Contact"] == "mailto:security@sanctuary.example"
    assert fields["Expires"] == "2027-06-30T00:00:00Z"
    assert fields["Preferred-Languages"] == "en"
    assert fields["Canonical"] == f"{settings.SITE_URL}/.well-known/security.txt"


def test_security_txt_expires_within_a_year_when_no_date_is_set(client, settings):
    settings.SECURITY_TXT_EXPIRES = ""
    text = client.get("/.well-known/security.txt").content.decode()
    expires = dt.datetime.fromisoformat(re.search(r"^Expires: (.+)$", text, re.M).group(1))
    assert dt.timedelta(days=1) < expires - dt.datetime.now(dt.UTC) < dt.timedelta(days=365)


def test_a_bad_security_contact_stops_the_platform_at_start(monkeypatch):
    from django.core.exceptions import ImproperlyConfigured

    from tests.sanctuary.test_settings import load_settings

    for name, value in (("SECURITY_CONTACT", "security@example.org"), ("SECURITY_TXT_EXPIRES", "soon")):
        monkeypatch.delenv("SECURITY_CONTACT", raising=False)
        with pytest.raises(ImproperlyConfigured, match=name):
            load_settings({name: value}, monkeypatch)


@pytest.mark.django_db
def test_the_favicon_is_served_from_the_static_files_and_linked_from_every_page(client):
    static = Path(settings.BASE_DIR) / "static"
    assert (static / "favicon.svg").read_text().startswith("<svg")
    assert (static / "favicon.ico").read_bytes()[:4] == b"\x00\x00\x01\x00"
    html = client.get("/").content.decode()
    assert 'rel="icon" href="/static/favicon.svg" type="image/svg+xml"' in html
    assert 'href="/static/favicon.ico"' in html
    response = client.get("/favicon.ico")
    assert response.status_code == 301 and response["Location"] == "/static/favicon.ico"


@pytest.mark.django_db
def test_public_pages_describe_themselves_to_search_engines_and_link_previews(client):
    group = GroupFactory(
        slug="riverton", name="Riverton City of Sanctuary", description="We meet on Tuesdays."
    )
    home = client.get("/").content.decode()
    page = client.get(f"/groups/{group.slug}/").content.decode()
    for html in (home, page):
        assert '<meta name="description" content="' in html
        assert '<meta property="og:title"' in html and '<meta property="og:image"' in html
    assert f'<meta property="og:url" content="{settings.SITE_URL}/groups/riverton/">' in page
    assert '<meta property="og:title" content="Riverton City of Sanctuary">' in page
    assert '<meta name="description" content="We meet on Tuesdays.">' in page
    assert home.count('name="description"') == 1
