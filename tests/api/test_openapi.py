"""The OpenAPI 3.1 document of /api/v1/: valid, complete, and true of every actual response."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.urls import resolve, reverse
from jsonschema import Draft202012Validator
from openapi_spec_validator import validate
from openapi_spec_validator.versions import consts as versions
from openapi_spec_validator.versions.shortcuts import get_spec_version
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from api.endpoints import endpoints
from awards.models import Stream
from groups.models import Group
from sanctuary.geography import Nation, Region
from tests.api.conftest import make_award

pytestmark = pytest.mark.django_db

DOCUMENT_URI = "urn:sanctuary:openapi"


@pytest.fixture
def document(client) -> dict:
    response = client.get(reverse("api:openapi"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    return response.json()


def _validator(document: dict, schema: dict) -> Draft202012Validator:
    """A validator for one of the document's schemas, its $refs resolved inside the document."""
    registry = Registry().with_resource(DOCUMENT_URI, Resource(contents=document, specification=DRAFT202012))
    rooted = {"$ref": DOCUMENT_URI + schema["$ref"]} if "$ref" in schema else schema
    return Draft202012Validator(rooted, registry=registry, format_checker=Draft202012Validator.FORMAT_CHECKER)


def _response_schema(document: dict, path: str, status: str) -> dict:
    response = document["paths"][path]["get"]["responses"][status]
    if "$ref" in response:
        response = document["components"]["responses"][response["$ref"].rsplit("/", 1)[1]]
    return response["content"]["application/json"]["schema"]


def _assert_valid(document: dict, path: str, status: str, body) -> None:
    errors = [
        e.message for e in _validator(document, _response_schema(document, path, status)).iter_errors(body)
    ]
    assert errors == [], f"{path} {status}: {errors}"


def test_the_document_is_valid_openapi_3_1(document):
    assert get_spec_version(document) == versions.OPENAPIV31
    validate(document)
    assert document["info"]["license"]["identifier"] == "CC-BY-4.0"
    assert document["servers"] == [{"url": settings.SITE_URL + "/api/v1"}]


def test_every_list_and_item_is_described_and_every_described_path_is_served(document):
    described = set(document["paths"])
    expected = {"/openapi.json"}
    for name, endpoint in endpoints().items():
        expected.add(f"/{name}/")
        if endpoint.detail:
            expected.add(f"/{name}/{{{endpoint.detail.key}}}/")
    assert described == expected
    assert {"/groups/", "/groups/{slug}/", "/la-network-members/", "/award-holders/"} <= described
    for path in described:
        served = resolve("/api/v1" + path.replace("{slug}", "riverton"))
        assert served.namespace == "api", path


def test_the_filters_offer_the_values_the_site_accepts(document):
    parameters = {p["name"]: p for p in document["paths"]["/groups/"]["get"]["parameters"] if "name" in p}
    assert parameters["nation"]["schema"]["enum"] == list(Nation.values)
    assert parameters["region"]["schema"]["enum"] == list(Region.values)
    assert parameters["status"]["schema"]["enum"] == list(Group.Status.values)
    assert parameters["q"]["schema"] == {"type": "string", "maxLength": 100}
    limit = document["components"]["parameters"]["limit"]["schema"]
    assert limit["maximum"] == 100 and limit["default"] == 25


def test_the_rate_limit_and_its_429_are_documented(document):
    for path, item in document["paths"].items():
        assert item["get"]["responses"]["429"] == {"$ref": "#/components/responses/TooManyRequests"}, path
        assert "304" in item["get"]["responses"], path
    too_many = document["components"]["responses"]["TooManyRequests"]
    assert too_many["headers"]["Retry-After"] == {"$ref": "#/components/headers/Retry-After"}
    assert str(settings.API_RATE_LIMIT_PER_MINUTE) in document["info"]["description"]


def test_every_actual_list_page_validates_against_its_schema(client, world, document):
    make_award(Stream.objects.get(slug="schools"), "S-0009", "Second Primary")  # a second page for each list
    for name, endpoint in endpoints().items():
        for params in ({}, {"limit": 1}, {"limit": 1, "page": 2}):
            response = client.get(reverse("api:list", args=[name]), params)
            assert response.status_code == 200, (name, params)
            body = response.json()
            assert body["results"], (name, params)
            _assert_valid(document, f"/{name}/", "200", body)
        if endpoint.filters:
            refused = client.get(reverse("api:list", args=[name]), {"page": "zero"})
            assert refused.status_code == 400
            _assert_valid(document, f"/{name}/", "400", refused.json())
        past = client.get(reverse("api:list", args=[name]), {"page": 500})
        assert past.status_code == 404
        _assert_valid(document, f"/{name}/", "404", past.json())


def test_every_actual_item_validates_against_its_schema(client, world, document):
    for slug in ("riverton", "abertawe", "gone-away"):
        response = client.get(reverse("api:detail", args=["groups", slug]))
        assert response.status_code == 200
        _assert_valid(document, "/groups/{slug}/", "200", response.json())
    missing = client.get(reverse("api:detail", args=["groups", "nowhere"]))
    _assert_valid(document, "/groups/{slug}/", "404", missing.json())


def test_a_schema_refuses_a_field_it_does_not_declare(client, world, document):
    """The schemas are closed, so the response checks above would catch an extra, unvetted field."""
    body = client.get(reverse("api:list", args=["groups"])).json()
    body["results"][0]["lead_email"] = "someone@example.org"
    assert not _validator(document, _response_schema(document, "/groups/", "200")).is_valid(body)


def test_the_document_validates_as_its_own_200_response(client, document):
    _assert_valid(document, "/openapi.json", "200", document)


def test_a_429_validates_against_the_documented_error(client, world, document, settings):
    settings.API_RATE_LIMIT_PER_MINUTE = 1
    client.get(reverse("api:list", args=["groups"]))
    response = client.get(reverse("api:list", args=["groups"]))
    assert response.status_code == 429
    _assert_valid(document, "/groups/", "429", response.json())
