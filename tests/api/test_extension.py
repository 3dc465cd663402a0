"""A new list (the events calendar, when it comes) is one ``Endpoint`` given through the
``api_endpoints`` hook: its URL, its part of the OpenAPI document and of /api/ follow."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from openapi_spec_validator import validate

from api.endpoints import Endpoint, Field, Filter
from sanctuary import hooks

pytestmark = pytest.mark.django_db

DAYS = [
    {"title": f"Welcome meal {n}", "starts_on": dt.date(2027, 1, 1) + dt.timedelta(days=n)} for n in range(7)
]


def _from_date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ValueError("Must be a date, as 2027-01-31.") from None


def _meals() -> list[Endpoint]:
    return [
        Endpoint(
            name="welcome-meals",
            title="Welcome meals",
            description="A stand-in for a list another app adds.",
            schema_name="WelcomeMeal",
            fields=(
                Field("title", "What it is called.", {"type": "string"}, required=True),
                Field(
                    "starts_on", "The day it happens.", {"type": "string", "format": "date"}, required=True
                ),
            ),
            filters=(
                Filter("from", "Only from this day on.", clean=_from_date, format="date", max_length=10),
            ),
            items=lambda filters: [d for d in DAYS if d["starts_on"] >= filters.get("from", dt.date.min)],
            row=lambda day: day,
        )
    ]


@pytest.fixture
def meals():
    hooks.register("api_endpoints")(_meals)
    yield
    hooks._registry["api_endpoints"].remove(_meals)


def test_a_list_given_through_the_hook_is_served_documented_and_explained(client, meals):
    url = reverse("api:list", args=["welcome-meals"])
    first = client.get(url, {"from": "2027-01-03", "limit": 2}).json()
    assert first["count"] == 5
    assert [m["starts_on"] for m in first["results"]] == ["2027-01-03", "2027-01-04"]
    assert first["next"].endswith(f"{url}?from=2027-01-03&page=2&limit=2")
    refused = client.get(url, {"from": "soon"})
    assert refused.status_code == 400 and refused.json()["errors"] == {
        "from": "Must be a date, as 2027-01-31."
    }

    document = client.get(reverse("api:openapi")).json()
    validate(document)
    parameters = document["paths"]["/welcome-meals/"]["get"]["parameters"]
    assert parameters[0]["schema"] == {"type": "string", "maxLength": 10, "format": "date"}
    assert "WelcomeMeal" in document["components"]["schemas"]
    assert "/api/v1/welcome-meals/" in client.get(reverse("api:index")).content.decode()
