"""A group's public page and its lead's workspace gather what the other apps know about it."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.awards.factories import make_award
from tests.campaigns.factories import ActionFactory
from tests.factories import GroupFactory, make_lead
from tests.helpers import page_queries
from tests.la_network.factories import make_membership

pytestmark = pytest.mark.django_db


def test_group_page_shows_award_holders_and_member_councils_in_its_area(client, national_staff):
    group = GroupFactory(name="Riverton City of Sanctuary", slug="riverton")
    award = make_award(national_staff, organisation__name="Riverton Library", organisation__group=group)
    membership = make_membership(starts_on=timezone.localdate())
    group.local_authorities.add(membership.local_authority)
    page = client.get(reverse("groups:detail", args=[group.slug])).content.decode()
    assert award.organisation.name in page
    assert membership.local_authority.short_name in page


def test_lead_workspace_counts_campaign_actions_and_award_holders(client_for, national_staff):
    group = GroupFactory(slug="riverton")
    lead = make_lead(group)
    make_award(national_staff, organisation__group=group)
    ActionFactory(user=lead, group=group)
    figures = dict(client_for(lead).get(reverse("groups:workspace", args=[group.slug])).context["figures"])
    assert any("award" in str(label).lower() and value == 1 for label, value in figures.items())
    assert any("action" in str(label).lower() and value == 1 for label, value in figures.items())


def test_group_page_queries_do_not_grow_with_other_apps_records(client, national_staff):
    group = GroupFactory(slug="riverton")
    url = reverse("groups:detail", args=[group.slug])
    make_award(national_staff, organisation__group=group)
    client.get(url)  # warm the cached public counts, as in a running deployment
    small = page_queries(client, url)
    for _ in range(3):
        make_award(national_staff, organisation__group=group)
        group.local_authorities.add(make_membership(starts_on=timezone.localdate()).local_authority)
    client.get(url)
    assert page_queries(client, url) == small
