"""The Atom feeds (issue 21): valid Atom, only what the public pages show, fixed query counts."""

from __future__ import annotations

import datetime as dt
import itertools
import xml.etree.ElementTree as ET

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from awards.models import Award
from campaigns.models import Campaign
from groups.models import Group
from tests.awards.factories import make_draft, make_stream
from tests.campaigns.factories import ActionFactory, CampaignFactory
from tests.factories import GroupFactory

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
_numbers = itertools.count(1)


def _parse(content: bytes) -> ET.Element:
    return ET.fromstring(content)  # noqa: S314  (the platform's own response, not untrusted input)


def _feed(client, name: str) -> ET.Element:
    response = client.get(reverse("feed", args=[name]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    root = _parse(response.content)
    assert root.tag == f"{ATOM}feed"
    for required in ("id", "title", "updated"):
        assert root.find(f"{ATOM}{required}").text
    return root


def _entries(root: ET.Element) -> list[dict]:
    entries = []
    for entry in root.findall(f"{ATOM}entry"):
        found = {tag: entry.find(f"{ATOM}{tag}") for tag in ("id", "title", "updated", "summary")}
        assert found["id"].text and found["title"].text and found["updated"].text
        dt.datetime.fromisoformat(found["updated"].text)
        entries.append({tag: (el.text if el is not None else "") for tag, el in found.items()})
    ids = [e["id"] for e in entries]
    assert len(ids) == len(set(ids)), "every entry has its own id"
    return entries


def _queries(client, name: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        _feed(client, name)
    return len(ctx.captured_queries)


def _award(stream, **org) -> Award:
    application = make_draft(stream=stream, **org)
    today = timezone.localdate()
    n = next(_numbers)
    return Award.objects.create(
        number=f"T-{n:05d}",
        application=application,
        stream=stream,
        organisation=application.organisation,
        awarded_on=today - dt.timedelta(days=n),
        expires_on=today + dt.timedelta(days=300),
        verification_code=f"code-{n}",
    )


def test_groups_feed_lists_the_directory_groups_but_not_closed_ones(client):
    GroupFactory(name="Riverton City of Sanctuary")
    GroupFactory(name="Gone Away City of Sanctuary", status=Group.Status.CLOSED)
    titles = [e["title"] for e in _entries(_feed(client, "groups"))]
    assert titles == ["Riverton City of Sanctuary"]


def test_groups_feed_query_count_does_not_grow_with_groups(client):
    GroupFactory.create_batch(2)
    small = _queries(client, "groups")
    GroupFactory.create_batch(20)
    assert _queries(client, "groups") == small


def test_awards_feed_lists_current_holders_of_published_streams_only(client):
    published = make_stream(is_published=True, award_title="School of Sanctuary")
    hidden = make_stream(award_title="Secret Award")
    _award(published, organisation__name="Riverton Primary")
    _award(hidden, organisation__name="Hidden Academy")
    hidden.is_published = False
    hidden.save(update_fields=["is_published"])
    withdrawn = _award(published, organisation__name="Withdrawn College")
    withdrawn.status = Award.Status.WITHDRAWN
    withdrawn.save(update_fields=["status"])
    entries = _entries(_feed(client, "awards"))
    assert [e["title"] for e in entries] == ["Riverton Primary: School of Sanctuary"]
    assert entries[0]["id"].startswith("tag:")


def test_awards_feed_query_count_does_not_grow_with_holders(client):
    stream = make_stream(is_published=True)
    _award(stream)
    small = _queries(client, "awards")
    for _ in range(4):
        _award(stream)
    assert _queries(client, "awards") == small


def test_actions_feed_shows_public_actions_without_names(client):
    campaign = CampaignFactory(title="A safe place")
    ActionFactory(campaign=campaign, is_public=True, place="Riverton", user__display_name="Zebedee Quill")
    ActionFactory(campaign=campaign, is_public=False, place="Privateton")
    ActionFactory(campaign=CampaignFactory(status=Campaign.Status.DRAFT), is_public=True, place="Draftville")
    response = client.get(reverse("feed", args=["actions"]))
    body = response.content.decode()
    entries = _entries(_parse(response.content))
    assert len(entries) == 1
    assert "A safe place" in entries[0]["title"] and "Riverton" in entries[0]["summary"]
    assert "Privateton" not in body and "Draftville" not in body
    assert "Zebedee" not in body


def test_actions_feed_query_count_does_not_grow_with_actions(client):
    campaign = CampaignFactory()
    ActionFactory(campaign=campaign, is_public=True)
    small = _queries(client, "actions")
    ActionFactory.create_batch(10, campaign=campaign, is_public=True)
    assert _queries(client, "actions") == small


def test_an_unknown_feed_is_not_found(client):
    assert client.get(reverse("feed", args=["nothing"])).status_code == 404


@pytest.mark.parametrize(
    "url_name,feed",
    [("groups:directory", "groups"), ("awards:index", "awards"), ("campaigns:index", "actions")],
)
def test_public_pages_point_feed_readers_to_their_feed(client, url_name, feed):
    body = client.get(reverse(url_name)).content.decode()
    assert 'type="application/atom+xml"' in body
    assert f'href="{reverse("feed", args=[feed])}"' in body
