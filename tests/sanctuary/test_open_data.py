"""The open data package at /data/ (issue 21): valid Frictionless, public rows only, cacheable."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone
from frictionless import Package

from awards.models import Award
from groups.models import Group
from tests.awards.factories import make_draft, make_stream
from tests.factories import GroupFactory, LocalAuthorityFactory
from tests.la_network.factories import CouncilContactFactory, make_membership

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(db):
    """One of each public row, and one row of each kind the public pages do not show."""
    cache.clear()
    today = timezone.localdate()
    GroupFactory(name="Riverton City of Sanctuary", slug="riverton", founded_on=dt.date(2019, 3, 1))
    GroupFactory(name="Gone Away", slug="gone-away", status=Group.Status.CLOSED)
    for code, starts_on in (("CUR", today - dt.timedelta(days=30)), ("OLD", today - dt.timedelta(days=2000))):
        council = LocalAuthorityFactory(code=code, short_name=f"Council {code}")
        make_membership(starts_on=starts_on, contact=CouncilContactFactory(local_authority=council))
    stream = make_stream(award_title="School of Sanctuary")
    for number, status in (("S-0001", Award.Status.CURRENT), ("S-0002", Award.Status.WITHDRAWN)):
        application = make_draft(stream=stream, organisation__name=f"School {number}")
        Award.objects.create(
            number=number,
            application=application,
            stream=stream,
            organisation=application.organisation,
            awarded_on=today - dt.timedelta(days=10),
            expires_on=today + dt.timedelta(days=300),
            status=status,
            verification_code=f"code-{number}",
        )


def _package(client) -> dict:
    response = client.get(reverse("open_data_package"))
    assert response.status_code == 200
    return response.json()


def test_the_package_validates_with_frictionless_with_its_files_fetched_from_the_site(
    client, published, tmp_path
):
    descriptor = _package(client)
    for resource in descriptor["resources"]:
        name, ext = resource["path"].rsplit(".", 1)
        url = reverse("open_data_csv" if ext == "csv" else "open_data_json", args=[name])
        response = client.get(url)
        assert response.status_code == 200
        assert response["Content-Type"].startswith(resource["mediatype"])
        (tmp_path / resource["path"]).write_bytes(
            b"".join(response) if response.streaming else response.content
        )
    (tmp_path / "datapackage.json").write_text(json.dumps(descriptor))

    report = Package(str(tmp_path / "datapackage.json")).validate()

    assert report.valid, report.flatten(["title", "note", "fieldName", "rowNumber"])
    rows = {task.name: task.stats.get("rows") for task in report.tasks}
    assert rows["la-network-members"] == rows["la-network-members-json"] == 1
    assert rows["award-holders"] == rows["award-holders-json"] == 1
    assert rows["groups"] == rows["groups-json"] >= 1
    assert descriptor["licenses"][0]["name"] == "CC-BY-4.0"
    assert "mySociety" in json.dumps(descriptor["sources"])


def test_every_resource_has_a_schema_with_described_fields_and_a_primary_key(client, published):
    for resource in _package(client)["resources"]:
        schema = resource["schema"]
        assert schema["primaryKey"]
        assert all(field["description"] and field["type"] for field in schema["fields"])
        assert {"path", "format", "mediatype", "title"} <= resource.keys()


def test_only_what_the_public_pages_show_is_published(client, published):
    groups = client.get(reverse("open_data_json", args=["groups"])).json()
    by_slug = {g["slug"]: g for g in groups}
    assert "riverton" in by_slug and "gone-away" not in by_slug
    assert by_slug["riverton"]["founded_on"] == "2019-03-01"
    holders = client.get(reverse("open_data_json", args=["award-holders"])).json()
    assert [h["number"] for h in holders] == ["S-0001"]
    assert set(holders[0]) == {
        "number",
        "organisation",
        "region",
        "award",
        "stream",
        "awarded_on",
        "expires_on",
    }
    councils = client.get(reverse("open_data_csv", args=["la-network-members"]))
    rows = list(csv.DictReader(io.StringIO(b"".join(councils).decode())))
    assert [row["code"] for row in rows] == ["CUR"]


def test_files_carry_an_etag_and_answer_304_when_it_matches(client, published):
    for url in (
        reverse("open_data_package"),
        reverse("open_data_csv", args=["groups"]),
        reverse("open_data_json", args=["groups"]),
    ):
        first = client.get(url)
        assert first["ETag"] and first["Cache-Control"] == "public, max-age=300", url
        again = client.get(url, headers={"If-None-Match": first["ETag"]})
        assert again.status_code == 304, url
        assert again["ETag"] == first["ETag"]


def test_the_etag_changes_when_the_data_does(client, published):
    url = reverse("open_data_csv", args=["groups"])
    before = client.get(url)["ETag"]
    GroupFactory(name="Newtown City of Sanctuary")
    cache.clear()
    assert client.get(url, headers={"If-None-Match": before}).status_code == 200
    assert client.get(reverse("open_data_json", args=["groups"]))["ETag"] != before


def test_the_data_page_explains_every_field_from_the_same_schema(client, published):
    body = client.get(reverse("open_data")).content.decode()
    assert "<h1>Open data</h1>" in body
    for resource in _package(client)["resources"]:
        for field in resource["schema"]["fields"]:
            assert f"<code>{field['name']}</code>" in body
            assert field["description"].replace("'", "&#x27;") in body


def test_an_unknown_table_is_not_found(client):
    assert client.get(reverse("open_data_csv", args=["nothing"])).status_code == 404
    assert client.get(reverse("open_data_json", args=["nothing"])).status_code == 404


def _queries(client, url: str) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("name", ["open_data", "open_data_package"])
def test_data_pages_query_count_does_not_grow_with_rows(client, published, name):
    small = _queries(client, reverse(name))
    GroupFactory.create_batch(15)
    assert _queries(client, reverse(name)) == small


def test_data_files_query_count_does_not_grow_with_rows(client, published):
    package = _package(client)
    paths = [resource["path"] for resource in package["resources"]]
    small = {path: _queries(client, "/data/" + path.rsplit("/", 1)[-1]) for path in paths}
    GroupFactory.create_batch(15)
    for council in LocalAuthorityFactory.create_batch(5):
        make_membership(
            starts_on=timezone.localdate() - dt.timedelta(days=5),
            contact=CouncilContactFactory(local_authority=council),
        )
    assert {path: _queries(client, "/data/" + path.rsplit("/", 1)[-1]) for path in paths} == small
