"""The public JSON API at /api/v1/ (issue 21): what the public pages show, a page at a time."""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlencode

import pytest
from django.conf import settings
from django.core.cache import cache
from django.urls import reverse

from api.endpoints import endpoints
from awards.models import Stream
from groups import services as group_services
from tests.api.conftest import SECRETS, add_member_council, make_award
from tests.factories import GroupFactory, LocalAuthorityFactory, make_staff
from tests.helpers import page_queries

pytestmark = pytest.mark.django_db

LISTS = ("groups", "la-network-members", "award-holders")
# The open data table each list publishes a page at a time.
OPEN_DATA = {"groups": "groups", "la-network-members": "la-network-members", "award-holders": "award-holders"}


def _list_url(name: str, **params) -> str:
    url = reverse("api:list", args=[name])
    if params:
        url += "?" + urlencode(params)
    return url


def _all_pages(client, name: str, **params) -> list[dict]:
    """Every item of a list, following ``next`` from the first page."""
    items, url = [], _list_url(name, **params)
    while url:
        response = client.get(url.removeprefix(settings.SITE_URL))
        assert response.status_code == 200, response.content
        body = response.json()
        items += body["results"]
        url = body["next"]
    return items


def _open_data(client, name: str) -> list[dict]:
    rows = client.get(reverse("open_data_json", args=[name])).json()
    # The API sends an unknown value as null where the open data file has an empty string.
    return [{key: (None if value == "" else value) for key, value in row.items()} for row in rows]


@pytest.mark.parametrize("name", LISTS)
def test_every_list_holds_exactly_the_rows_and_fields_of_its_open_data_table(client, world, name):
    api_items = _all_pages(client, name, limit=2)
    key = next(iter(_open_data(client, OPEN_DATA[name])[0]))  # the table's first column identifies a row
    by_key = {row[key]: row for row in _open_data(client, OPEN_DATA[name])}
    assert {item[key]: item for item in api_items} == by_key
    assert len(api_items) == len(by_key) >= 1


def test_the_lists_show_current_public_rows_only(client, world):
    groups = {g["slug"] for g in _all_pages(client, "groups")}
    assert {"riverton", "abertawe"} <= groups and "gone-away" not in groups
    councils = [c["code"] for c in _all_pages(client, "la-network-members")]
    assert sorted(councils) == ["CUR", "SCO"]
    holders = _all_pages(client, "award-holders")
    assert [h["number"] for h in holders] == ["S-0001"]
    assert holders[0] == {
        "number": "S-0001",
        "organisation": "Riverton Primary",
        "region": "north_west",
        "award": "School of Sanctuary",
        "stream": "schools",
        "awarded_on": holders[0]["awarded_on"],
        "expires_on": holders[0]["expires_on"],
    }


def test_a_group_in_the_api_says_what_its_public_page_says(client, world):
    item = client.get(reverse("api:detail", args=["groups", "riverton"])).json()
    page = client.get(reverse("groups:detail", args=["riverton"])).content.decode()
    assert item["name"] == "Riverton City of Sanctuary"
    assert item["description"] in page
    assert item["facebook_url"] in page and item["website"] in page
    assert item["instagram_url"] is None and item["logo_url"] is None
    assert item["councils"] == [{"code": "RIV", "name": "Rivershire"}]
    assert "Rivershire" in page
    assert item["page_url"] == settings.SITE_URL + reverse("groups:detail", args=["riverton"])


def test_a_closed_group_keeps_its_public_page_and_its_api_item(client, world):
    assert client.get(reverse("groups:detail", args=["gone-away"])).status_code == 200
    assert client.get(reverse("api:detail", args=["groups", "gone-away"])).json()["status"] == "closed"
    assert [g["slug"] for g in _all_pages(client, "groups", status="closed")] == ["gone-away"]


def _every_response(client, world) -> list[str]:
    bodies = [client.get(reverse("api:openapi")).content.decode()]
    for name, endpoint in endpoints().items():
        bodies.append(client.get(_list_url(name, limit=100)).content.decode())
        for f in endpoint.filters:
            for value in f.choices or ("hidden", "schools", "Hollow", "Draft"):
                bodies.append(client.get(_list_url(name, **{f.name: value}, limit=100)).content.decode())
    for slug in ("riverton", "abertawe", "gone-away", "hidden-hollow-city-of-sanctuary"):
        bodies.append(client.get(reverse("api:detail", args=["groups", slug])).content.decode())
    return bodies


def test_private_records_never_appear_in_any_response_whoever_asks(client, world):
    staff = make_staff("national_staff")
    bodies = _every_response(client, world)
    client.force_login(staff)
    bodies += _every_response(client, world)
    for body in bodies:
        assert "@" not in body  # no email address of anyone, anywhere
        for secret in SECRETS:
            assert secret not in body


def test_filters_narrow_the_lists_as_the_public_pages_do(client, world):
    assert [g["slug"] for g in _all_pages(client, "groups", nation="wales")] == ["abertawe"]
    assert {g["region"] for g in _all_pages(client, "groups", region="north_west")} == {"north_west"}
    # The directory's search finds a group by a council it covers, not only by its own words.
    assert [g["slug"] for g in _all_pages(client, "groups", q="Rivershire")] == ["riverton"]
    assert [c["code"] for c in _all_pages(client, "la-network-members", nation="scotland")] == ["SCO"]
    assert [c["code"] for c in _all_pages(client, "la-network-members", region="north_west")] == ["CUR"]
    assert [h["number"] for h in _all_pages(client, "award-holders", stream="schools")] == ["S-0001"]
    assert _all_pages(client, "award-holders", stream="hidden-stream") == []
    assert _all_pages(client, "award-holders", region="wales") == []


def test_a_refused_parameter_is_answered_400_naming_it(client, world):
    response = client.get(_list_url("groups", nation="atlantis", limit="1000", page="first"))
    assert response.status_code == 400
    assert set(response.json()["errors"]) == {"nation", "limit", "page"}
    assert client.get(_list_url("groups", limit="0")).status_code == 400
    assert client.get(_list_url("groups", q="x" * 101)).status_code == 400


def test_pages_chain_through_next_and_previous_without_overlap(client, world):
    GroupFactory.create_batch(12)
    first = client.get(_list_url("groups", limit=5, nation="england")).json()
    total = first["count"]
    assert total >= 14 and len(first["results"]) == 5 and first["previous"] is None
    assert first["next"] == settings.SITE_URL + _list_url("groups", nation="england", page=2, limit=5)
    slugs = [g["slug"] for g in _all_pages(client, "groups", limit=5, nation="england")]
    assert len(slugs) == len(set(slugs)) == total
    last_page = -(-total // 5)
    last = client.get(_list_url("groups", limit=5, nation="england", page=last_page)).json()
    assert last["next"] is None
    assert last["previous"] == settings.SITE_URL + _list_url(
        "groups", nation="england", page=last_page - 1, limit=5
    )


def test_the_default_and_largest_page_sizes(client, world):
    GroupFactory.create_batch(30)
    assert len(client.get(_list_url("groups")).json()["results"]) == 25
    assert client.get(_list_url("groups", limit=100)).json()["limit"] == 100
    assert client.get(_list_url("groups", limit=101)).status_code == 400


def test_a_page_past_the_last_or_an_unknown_item_is_a_json_404(client, world):
    for url in (
        _list_url("groups", page=99),
        reverse("api:list", args=["no-such-list"]),
        reverse("api:detail", args=["groups", "no-such-group"]),
        reverse("api:detail", args=["award-holders", "S-0001"]),  # a list without items of its own
    ):
        response = client.get(url)
        assert response.status_code == 404, url
        assert response["Content-Type"] == "application/json" and response.json()["detail"], url


def test_only_reads_are_answered(client, world):
    response = client.post(_list_url("groups"))
    assert response.status_code == 405
    assert "POST" not in response["Allow"]


# --- caching ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        _list_url("groups"),
        _list_url("award-holders", stream="schools"),
        reverse("api:detail", args=["groups", "riverton"]),
        reverse("api:openapi"),
    ],
)
def test_responses_carry_an_etag_and_answer_304_when_it_matches(client, world, url):
    first = client.get(url)
    assert first["ETag"] and first["Cache-Control"] == "public, max-age=300"
    again = client.get(url, headers={"If-None-Match": first["ETag"]})
    assert again.status_code == 304 and again.content == b""
    assert again["ETag"] == first["ETag"]
    assert again["Access-Control-Allow-Origin"] == "*"


def test_a_change_made_through_the_services_shows_at_once_despite_the_cache(client, world):
    url = _list_url("groups", nation="wales")
    before = client.get(url)
    assert [g["name"] for g in before.json()["results"]] == ["Abertawe Sanctuary"]
    group_services.group_update(
        group=world.abertawe, actor=make_staff("national_staff"), data={"name": "Swansea Sanctuary"}
    )
    after = client.get(url, headers={"If-None-Match": before["ETag"]})
    assert after.status_code == 200
    assert [g["name"] for g in after.json()["results"]] == ["Swansea Sanctuary"]


def test_the_first_pages_are_served_from_the_cache_and_searches_are_not(
    client, world, django_assert_num_queries
):
    client.get(_list_url("groups"))
    with django_assert_num_queries(0):
        assert client.get(_list_url("groups")).status_code == 200
    client.get(_list_url("groups", q="Riverton"))
    with django_assert_num_queries(2):
        assert client.get(_list_url("groups", q="Riverton")).status_code == 200


# --- query counts ----------------------------------------------------------------------------


def _queries(client, url: str) -> int:
    cache.clear()
    return page_queries(client, url)


# (list, query string, queries): a count and a page; the register's members are one cached read.
COUNTED = [
    ("groups", "", 2),
    ("groups", "q=Testville&nation=england", 2),
    ("la-network-members", "nation=england", 1),
    ("award-holders", "", 2),
    ("award-holders", "stream=schools&region=north_west", 2),
]


@pytest.mark.parametrize("name,query,expected", COUNTED)
def test_list_query_counts_do_not_grow_with_the_data(client, world, name, query, expected):
    url = f"{_list_url(name)}?{query}"
    assert _queries(client, url) == expected
    GroupFactory.create_batch(30)
    for n in range(8):
        add_member_council(f"N{n:02d}")

    schools = Stream.objects.get(slug="schools")
    for n in range(8):
        make_award(schools, f"S-1{n:03d}", f"School {n}", region="north_west")
    assert _queries(client, url) == expected
    assert _queries(client, url + "&page=2&limit=5") == expected


def test_a_group_item_costs_two_queries_however_many_councils_it_covers(client, world):
    url = reverse("api:detail", args=["groups", "riverton"])
    assert _queries(client, url) == 2
    world.riverton.local_authorities.add(*LocalAuthorityFactory.create_batch(6))
    assert _queries(client, url) == 2


def test_the_date_a_membership_ends_is_a_date(client, world):
    member = _all_pages(client, "la-network-members", nation="scotland")[0]
    assert dt.date.fromisoformat(member["member_until"]) > dt.date.fromisoformat(member["member_from"])
