"""Events in the public JSON API (/api/v1/events/): What's on as data, as its pages show it."""

from __future__ import annotations

import datetime as dt
import html
import re
import zoneinfo
from urllib.parse import urlencode

import pytest
from django.conf import settings
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone
from jsonschema import Draft202012Validator
from openapi_spec_validator import validate
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from events import services
from tests.events.factories import EventFactory
from tests.factories import GroupFactory, make_staff
from tests.helpers import page_queries

pytestmark = pytest.mark.django_db

LONDON = zoneinfo.ZoneInfo("Europe/London")
LIST = reverse("api:list", args=["events"])


def _list(client, **params) -> dict:
    response = client.get(LIST + ("?" + urlencode(params) if params else ""))
    assert response.status_code == 200, response.content
    return response.json()


def _titles(client, **params) -> list[str]:
    return [e["title"] for e in _list(client, limit=100, **params)["results"]]


def _item(client, event) -> dict:
    response = client.get(reverse("api:detail", args=["events", event.pk]))
    assert response.status_code == 200, response.content
    return response.json()


def _whats_on_ids(client, **params) -> list[int]:
    page = client.get(reverse("events:whats_on"), params).text
    return [int(pk) for pk in re.findall(r'href="/events/([0-9]+)/"', page)]


# --- what is listed ----------------------------------------------------------------------------


def test_the_list_holds_the_events_whats_on_lists_in_its_order(client, world):
    items = _list(client)["results"]
    assert [e["id"] for e in items] == _whats_on_ids(client)
    assert [e["title"] for e in items] == [
        "Riverton welcome meal",
        "Riverton quiz night",
        "Abertawe coast walk",
    ]


def test_a_cancelled_coming_event_is_listed_as_cancelled_without_its_booking_link(client, world):
    quiz = next(e for e in _list(client)["results"] if e["title"] == "Riverton quiz night")
    assert quiz["status"] == "cancelled"
    assert quiz["booking_url"] is None  # its page offers no booking either
    assert "tickets.example.org/riverton-quiz" not in client.get(quiz["page_url"]).text
    meal = next(e for e in _list(client)["results"] if e["title"] == "Riverton welcome meal")
    assert meal["status"] == "scheduled"
    assert meal["booking_url"] == "https://tickets.example.org/riverton-meal"


def test_an_event_that_is_over_leaves_the_list_but_keeps_its_item_as_it_keeps_its_page(client, world):
    picnic = world.events["picnic"]
    assert "Riverton picnic that is over" not in _titles(client)
    assert client.get(reverse("events:detail", args=[picnic.pk])).status_code == 200
    assert _item(client, picnic)["title"] == "Riverton picnic that is over"


def test_an_event_under_way_is_still_listed(client, world):
    now = timezone.now()
    EventFactory(
        title="Drop-in under way", starts_at=now - dt.timedelta(hours=1), ends_at=now + dt.timedelta(hours=1)
    )
    assert _titles(client)[0] == "Drop-in under way"


def test_an_event_item_says_what_its_page_says(client, world):
    meal = world.events["meal"]
    item = _item(client, meal)
    page = html.unescape(client.get(reverse("events:detail", args=[meal.pk])).text)
    for name in ("title", "description", "place", "accessibility", "online_url", "booking_url", "group_name"):
        assert item[name] and item[name] in page, name
    assert item["page_url"] == settings.SITE_URL + reverse("events:detail", args=[meal.pk])
    assert item["calendar_url"] == settings.SITE_URL + reverse("events:detail_ics", args=[meal.pk])
    assert reverse("events:detail_ics", args=[meal.pk]) in page
    assert reverse("groups:detail", args=[item["group"]]) in page
    assert (item["nation"], item["region"]) == (world.riverton.nation, world.riverton.region)
    # The page marks its times up as UTC; the API writes the same moments in the event's zone.
    marked = [dt.datetime.fromisoformat(t) for t in re.findall(r'<time datetime="([^"]+)"', page)]
    assert marked == [
        dt.datetime.fromisoformat(item["starts_at"]),
        dt.datetime.fromisoformat(item["ends_at"]),
    ]
    assert item == next(e for e in _list(client)["results"] if e["id"] == meal.pk)


def test_times_carry_the_offset_of_their_zone_and_the_zone_is_named(client, world):
    summer = dt.datetime(timezone.now().year + 1, 7, 1, 18, 30, tzinfo=LONDON)
    winter = dt.datetime(timezone.now().year + 1, 12, 1, 18, 30, tzinfo=LONDON)
    new_york = zoneinfo.ZoneInfo("America/New_York")
    abroad = dt.datetime(timezone.now().year + 1, 7, 1, 12, 0, tzinfo=new_york)
    cases = {
        EventFactory(starts_at=summer, ends_at=summer + dt.timedelta(hours=2)): (
            "Europe/London",
            f"{summer.year}-07-01T18:30:00+01:00",
        ),
        EventFactory(starts_at=winter, ends_at=winter + dt.timedelta(hours=2)): (
            "Europe/London",
            f"{winter.year}-12-01T18:30:00+00:00",
        ),
        EventFactory(
            starts_at=abroad, ends_at=abroad + dt.timedelta(hours=1), time_zone="America/New_York"
        ): (
            "America/New_York",
            f"{abroad.year}-07-01T12:00:00-04:00",
        ),
    }
    for event, (zone, starts_at) in cases.items():
        item = _item(client, event)
        assert (item["time_zone"], item["starts_at"]) == (zone, starts_at)
        assert dt.datetime.fromisoformat(item["starts_at"]) == event.starts_at
        assert dt.datetime.fromisoformat(item["ends_at"]) == event.ends_at


def test_an_unknown_or_malformed_event_number_is_a_json_404(client, world):
    for key in ("999999999", "abc", "1.5", "9" * 40):
        response = client.get(reverse("api:detail", args=["events", key]))
        assert response.status_code == 404, key
        assert response.json()["detail"], key


def test_who_published_an_event_never_appears(client, world):
    client.force_login(make_staff("national_staff"))
    bodies = [client.get(LIST, {"limit": 100}).text]
    bodies += [client.get(reverse("api:detail", args=["events", e.pk])).text for e in world.events.values()]
    for body in bodies:
        assert "Eventmaker" not in body and "@" not in body
        assert "created_by" not in body and "sequence" not in body


# --- filters -----------------------------------------------------------------------------------


def test_filters_narrow_the_list_as_whats_on_does(client, world):
    today = timezone.localdate()
    meal_day = timezone.localtime(world.events["meal"].starts_at).date()
    cases = [
        {"nation": "wales"},
        {"region": world.riverton.region},
        {"from": (meal_day + dt.timedelta(days=1)).isoformat()},
        {"until": meal_day.isoformat()},
        {"from": today.isoformat(), "until": (today + dt.timedelta(days=8)).isoformat()},
    ]
    for params in cases:
        page_params = {
            {"from": "starts_from", "until": "starts_until"}.get(k, k): v for k, v in params.items()
        }
        api_ids = [e["id"] for e in _list(client, **params)["results"]]
        assert api_ids == _whats_on_ids(client, **page_params), params
    assert _titles(client, nation="wales") == ["Abertawe coast walk"]
    assert _titles(client, until=meal_day.isoformat()) == ["Riverton welcome meal"]
    assert _titles(client, nation="scotland") == []


@pytest.mark.parametrize(
    "params,refused",
    [
        ({"from": "tomorrow"}, {"from"}),
        ({"until": "2027-02-30"}, {"until"}),
        ({"from": "20270131"}, {"from"}),
        ({"from": "1999-12-31", "until": "2101-01-01"}, {"from", "until"}),
        ({"from": "2027-01-01T10:00"}, {"from"}),
        ({"region": "atlantis", "nation": "mars"}, {"region", "nation"}),
    ],
)
def test_a_bad_filter_is_answered_400_naming_it(client, world, params, refused):
    response = client.get(LIST, params)
    assert response.status_code == 400
    assert set(response.json()["errors"]) == refused


# --- caching -----------------------------------------------------------------------------------


def test_a_change_to_an_event_shows_at_once_despite_the_cache(client, world):
    meal = world.events["meal"]
    before = client.get(LIST)
    assert before.json()["results"][0]["status"] == "scheduled"
    services.event_cancel(event=meal, actor=make_staff("national_staff"))
    after = client.get(LIST, headers={"If-None-Match": before["ETag"]})
    assert after.status_code == 200
    assert after.json()["results"][0]["status"] == "cancelled"
    services.event_create(
        group=world.abertawe,
        actor=make_staff("national_staff"),
        data={
            "title": "Abertawe film night",
            "starts_at": timezone.now() + dt.timedelta(days=1),
            "ends_at": timezone.now() + dt.timedelta(days=1, hours=2),
        },
    )
    assert _list(client)["results"][0]["title"] == "Abertawe film night"


def test_the_list_answers_304_while_nothing_changed(client, world):
    first = client.get(LIST)
    assert first["ETag"] and first["Cache-Control"] == "public, max-age=300"
    again = client.get(LIST, headers={"If-None-Match": first["ETag"]})
    assert again.status_code == 304 and again.content == b""


# --- query counts ------------------------------------------------------------------------------


def _queries(client, url: str) -> int:
    cache.clear()
    return page_queries(client, url)


@pytest.mark.parametrize("query", ["", "nation=england&from=2000-01-01", "limit=2&page=2"])
def test_list_query_counts_do_not_grow_with_the_events(client, world, query):
    url = f"{LIST}?{query}"
    assert _queries(client, url) == 2  # a count and a page, each event's group read with it
    for group in GroupFactory.create_batch(4):
        EventFactory.create_batch(5, group=group)
    assert _queries(client, url) == 2


def test_an_event_item_costs_one_query(client, world):
    url = reverse("api:detail", args=["events", world.events["meal"].pk])
    assert _queries(client, url) == 1
    EventFactory.create_batch(10, group=world.riverton)
    assert _queries(client, url) == 1


def test_the_first_pages_are_kept_in_the_cache_and_date_filters_are_not(
    client, world, django_assert_num_queries
):
    client.get(LIST)
    with django_assert_num_queries(0):
        assert client.get(LIST).status_code == 200
    today = {"from": timezone.localdate().isoformat()}
    client.get(LIST, today)
    with django_assert_num_queries(2):
        assert client.get(LIST, today).json()["count"] == 3


# --- the document ------------------------------------------------------------------------------

DOCUMENT_URI = "urn:sanctuary:openapi"


@pytest.fixture
def document(client) -> dict:
    document = client.get(reverse("api:openapi")).json()
    validate(document)
    return document


def _errors(document: dict, path: str, status: str, body) -> list[str]:
    response = document["paths"][path]["get"]["responses"][status]
    if "$ref" in response:
        response = document["components"]["responses"][response["$ref"].rsplit("/", 1)[1]]
    schema = response["content"]["application/json"]["schema"]
    registry = Registry().with_resource(DOCUMENT_URI, Resource(contents=document, specification=DRAFT202012))
    validator = Draft202012Validator(
        {"$ref": DOCUMENT_URI + schema["$ref"]},
        registry=registry,
        format_checker=Draft202012Validator.FORMAT_CHECKER,
    )
    return [e.message for e in validator.iter_errors(body)]


def test_the_document_describes_the_events_list_its_filters_and_one_event(document):
    assert {"/events/", "/events/{id}/"} <= set(document["paths"])
    parameters = {
        p["name"]: p["schema"] for p in document["paths"]["/events/"]["get"]["parameters"] if "name" in p
    }
    assert parameters["from"] == parameters["until"] == {"type": "string", "maxLength": 10, "format": "date"}
    fields = document["components"]["schemas"]["Event"]["properties"]
    assert fields["starts_at"]["format"] == "date-time"
    assert fields["status"]["enum"] == ["scheduled", "cancelled"]


def test_every_actual_events_response_validates_against_the_document(client, world, document):
    EventFactory(
        title="Online only", place="", accessibility="", description="", online_url="https://m.example.org/x"
    )
    for params in ({}, {"limit": 1, "page": 2}, {"nation": "wales"}):
        body = _list(client, **params)
        assert body["results"]
        assert _errors(document, "/events/", "200", body) == [], params
    for event in world.events.values():
        assert _errors(document, "/events/{id}/", "200", _item(client, event)) == []
    online = _list(client, limit=100)["results"]
    assert any(e["place"] is None for e in online)
    refused = client.get(LIST, {"from": "soon"})
    assert _errors(document, "/events/", "400", refused.json()) == []
    missing = client.get(reverse("api:detail", args=["events", "0"]))
    assert _errors(document, "/events/{id}/", "404", missing.json()) == []


def test_a_field_the_document_does_not_declare_would_be_caught(client, world, document):
    body = _list(client)
    body["results"][0]["created_by"] = "Evelyn Eventmaker"
    assert _errors(document, "/events/", "200", body) != []


def test_the_api_page_explains_the_events_list(client, world):
    page = client.get(reverse("api:index")).text
    assert "/api/v1/events/" in page and "time_zone" in page
