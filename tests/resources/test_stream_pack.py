"""Each award stream's page and its applications show the stream's resource pack."""

from __future__ import annotations

import pytest
from django.urls import reverse

from resources import services
from resources.models import Resource
from tests.awards.factories import make_draft, make_stream
from tests.factories import OrganisationContactFactory, UserFactory
from tests.helpers import page_queries
from tests.resources.factories import make_resource

pytestmark = pytest.mark.django_db


def test_the_stream_page_shows_its_pack_to_each_viewer_as_they_may_see_it(client, client_for, national_staff):
    stream, other = make_stream(), make_stream()
    make_resource(national_staff, title="Open pack item", streams=[stream])
    make_resource(
        national_staff, title="Members pack item", streams=[stream], audience=Resource.Audience.MEMBERS
    )
    make_resource(national_staff, title="Other stream item", streams=[other])
    url = reverse("awards:stream", args=[stream.slug])
    anon = client.get(url).content.decode()
    assert "Resource pack" in anon and "Open pack item" in anon
    assert "Members pack item" not in anon and "Other stream item" not in anon
    member = client_for(UserFactory()).get(url).content.decode()
    assert "Open pack item" in member and "Members pack item" in member


def test_the_pack_changes_at_once_when_a_resource_is_archived(client, national_staff):
    stream = make_stream()
    resource = make_resource(national_staff, title="Soon archived", streams=[stream])
    url = reverse("awards:stream", args=[stream.slug])
    assert "Soon archived" in client.get(url).content.decode()
    services.resource_archive(resource=resource, actor=national_staff)
    page = client.get(url).content.decode()
    assert "Soon archived" not in page and "Resource pack" not in page


def test_the_application_task_list_shows_the_pack(client_for, national_staff):
    stream = make_stream()
    make_resource(national_staff, title="Evidence tips", streams=[stream])
    contact = OrganisationContactFactory()
    application = make_draft(stream, contact=contact)
    page = client_for(contact.user).get(reverse("awards:application", args=[application.pk])).content.decode()
    assert "Resource pack" in page and "Evidence tips" in page


def test_the_pack_costs_no_query_once_cached_whatever_its_size(client, national_staff):
    stream = make_stream()
    make_resource(national_staff, streams=[stream])
    url = reverse("awards:stream", args=[stream.slug])
    client.get(url)
    small = page_queries(client, url)
    for _ in range(5):
        make_resource(national_staff, streams=[stream])
    client.get(url)
    assert page_queries(client, url) == small
