"""What every API response shares: open CORS (and nowhere else), a rate limit per address, and the
/api/ page that explains it all without JavaScript."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

API_URLS = [
    ("api:list", ["groups"]),
    ("api:list", ["la-network-members"]),
    ("api:list", ["award-holders"]),
    ("api:detail", ["groups", "riverton"]),
    ("api:openapi", []),
]


@pytest.mark.parametrize("name,args", API_URLS)
def test_api_responses_are_open_to_every_origin_without_credentials(client, world, name, args):
    response = client.get(reverse(name, args=args), headers={"Origin": "https://elsewhere.example"})
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "ETag" in response["Access-Control-Expose-Headers"]
    assert "Access-Control-Allow-Credentials" not in response


@pytest.mark.parametrize("name,args", API_URLS)
def test_a_cors_preflight_is_answered_without_running_the_view(
    client, world, name, args, django_assert_num_queries
):
    with django_assert_num_queries(0):
        response = client.options(
            reverse(name, args=args),
            headers={
                "Origin": "https://elsewhere.example",
                "Access-Control-Request-Method": "GET",
                "Access-Control-Request-Headers": "if-none-match",
            },
        )
    assert response.status_code == 204
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response["Access-Control-Allow-Methods"] == "GET, HEAD, OPTIONS"
    assert response["Access-Control-Allow-Headers"] == "If-None-Match"
    assert "Access-Control-Allow-Credentials" not in response


def test_errors_are_readable_cross_site_too(client, world):
    for url in (reverse("api:list", args=["nothing"]), reverse("api:list", args=["groups"]) + "?page=x"):
        assert client.get(url)["Access-Control-Allow-Origin"] == "*"


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/api/",
        "/groups/",
        "/groups/riverton/",
        "/data/",
        "/data/groups.json",
        "/data/datapackage.json",
        "/la-network/members.json",
        "/feeds/groups.atom",
        "/accounts/login/",
    ],
)
def test_no_other_page_opens_cors(client, world, url):
    origin = {"Origin": "https://elsewhere.example"}
    response = client.get(url, headers=origin)
    assert response.status_code == 200, url
    assert not any(header.lower().startswith("access-control-") for header in response.headers), url
    preflight = client.options(url, headers=origin | {"Access-Control-Request-Method": "GET"})
    assert "Access-Control-Allow-Origin" not in preflight, url


def test_an_address_over_the_limit_is_answered_429_with_retry_after(client, world, settings):
    settings.API_RATE_LIMIT_PER_MINUTE = 3
    url = reverse("api:list", args=["groups"])
    assert [client.get(url).status_code for _ in range(3)] == [200, 200, 200]
    refused = client.get(url)
    assert refused.status_code == 429
    assert refused["Retry-After"] == "60"
    assert refused["Access-Control-Allow-Origin"] == "*"
    assert "3 a minute" in refused.json()["detail"]
    # Every list and the document share the one allowance.
    assert client.get(reverse("api:openapi")).status_code == 429
    # Another address has its own.
    assert client.get(url, REMOTE_ADDR="203.0.113.9").status_code == 200
    # A preflight costs nothing and is still answered.
    assert client.options(url).status_code == 204


def test_the_api_page_explains_licence_limits_and_pages_without_scripts(client, world, settings):
    response = client.get(reverse("api:index"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "<h1>Public data API</h1>" in body
    assert "creativecommons.org/licenses/by/4.0" in body
    assert f"{settings.API_RATE_LIMIT_PER_MINUTE} requests a minute" in body
    assert "Retry-After" in body and "If-None-Match" in body
    assert "<code>page</code>" in body and "<code>limit</code>" in body
    assert f'href="{reverse("api:openapi")}"' in body
    for name in ("groups", "la-network-members", "award-holders"):
        assert f"/api/v1/{name}/" in body
    # No script from elsewhere (no CDN-hosted Swagger UI): only the site's own, if any.
    assert not re.search(r"<script[^>]+src=\"https?://", body)
    assert "Access-Control-Allow-Origin" not in response


def test_the_api_page_lists_every_field_from_the_endpoints_themselves(client, world):
    from api.endpoints import endpoints

    body = client.get(reverse("api:index")).content.decode()
    for endpoint in endpoints().values():
        for field in endpoint.fields:
            assert f"<code>{field.name}</code>" in body
        for f in endpoint.filters:
            assert f"<code>{f.name}</code>" in body


def test_the_api_page_is_in_the_sitemap_and_linked_from_the_open_data_page(client, world, settings):
    assert f"<loc>{settings.SITE_URL}/api/</loc>" in client.get("/sitemap.xml").content.decode()
    assert f'href="{reverse("api:index")}"' in client.get(reverse("open_data")).content.decode()


def test_a_head_request_is_answered_like_a_get(client, world):
    got, head = (
        client.get(reverse("api:list", args=["groups"])),
        client.head(reverse("api:list", args=["groups"])),
    )
    assert head.status_code == 200 and head["ETag"] == got["ETag"]
