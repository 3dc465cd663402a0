"""Every list page does the same number of queries whatever the amount of data."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from groups.models import GroupApplication
from tests.factories import GroupFactory, OrganisationContactFactory, UserFactory, make_lead
from tests.groups.factories import ActivityFactory, PledgeFactory, SignatureFactory
from tests.helpers import settle_session

pytestmark = pytest.mark.django_db


def _count(client, url) -> int:
    cache.clear()
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def _application(n: int) -> None:
    for _ in range(n):
        GroupApplication.objects.create(
            applicant=UserFactory(),
            name="New group",
            area_served="Somewhere",
            nation="england",
            region="london",
            why="Because",
            who_involved="Friends",
        )


def test_organisations_list(client):
    group = GroupFactory()
    PledgeFactory(organisation__group=group, status="approved")
    small = _count(client, reverse("charter:organisations"))
    for _ in range(12):
        PledgeFactory(organisation__group=GroupFactory(), status="approved")
    assert _count(client, reverse("charter:organisations")) == small


def test_charter_page(client):
    SignatureFactory(consent_public_name=True)
    small = _count(client, reverse("charter:sign"))
    SignatureFactory.create_batch(15, consent_public_name=True, group=GroupFactory())
    assert _count(client, reverse("charter:sign")) == small


def test_activities_list(client_for):
    group = GroupFactory()
    client = client_for(make_lead(group))
    settle_session(client)
    ActivityFactory(group=group)
    url = reverse("groups:activities", args=[group.slug])
    small = _count(client, url)
    ActivityFactory.create_batch(25, group=group)
    assert _count(client, url) == small


def test_staff_lists(client_for, national_staff):
    client = client_for(national_staff)
    settle_session(client)
    _application(1)
    PledgeFactory(organisation__group=GroupFactory())
    counts = [_count(client, reverse(name)) for name in ("groups:applications", "charter:pledges")]
    _application(12)
    for _ in range(12):
        PledgeFactory(organisation__group=GroupFactory())
    assert [_count(client, reverse(name)) for name in ("groups:applications", "charter:pledges")] == counts


def test_dashboard_panel(client_for):
    contact = OrganisationContactFactory()
    PledgeFactory(organisation=contact.organisation, status="approved")
    user = contact.user
    client = client_for(user)
    settle_session(client)
    make_group = GroupFactory()
    make_group.memberships.create(user=user)
    small = _count(client, reverse("dashboard"))
    for _ in range(5):
        GroupFactory().memberships.create(user=user, role="lead")
        PledgeFactory(organisation=OrganisationContactFactory(user=user).organisation, status="approved")
    assert _count(client, reverse("dashboard")) == small
