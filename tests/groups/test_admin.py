from __future__ import annotations

import pytest
from django.urls import reverse

from groups.models import Group
from sanctuary.models import AuditEvent
from tests.factories import GroupFactory, LocalAuthorityFactory, UserFactory

pytestmark = pytest.mark.django_db

FORM = {
    "name": "Admin Made Group",
    "slug": "admin-made",
    "area_served": "Admintown",
    "nation": "scotland",
    "region": "scotland",
    "status": "active",
    "created_at_0": "2026-01-01",
    "created_at_1": "10:00:00",
    "memberships-TOTAL_FORMS": "0",
    "memberships-INITIAL_FORMS": "0",
}


@pytest.fixture
def admin_client(client_for):
    return client_for(UserFactory(is_staff=True, is_superuser=True))


def test_admin_creates_and_edits_groups_through_the_services(admin_client):
    council = LocalAuthorityFactory()
    response = admin_client.post(
        reverse("admin:groups_group_add"), {**FORM, "local_authorities": [council.pk]}
    )
    assert response.status_code == 302, response.content[:2000]
    group = Group.objects.get(slug="admin-made")
    assert list(group.local_authorities.all()) == [council]
    assert AuditEvent.objects.filter(action="groups.group_created", object_id=str(group.pk)).exists()

    response = admin_client.post(
        reverse("admin:groups_group_change", args=[group.pk]), {**FORM, "name": "Renamed", "slug": "ignored"}
    )
    assert response.status_code == 302
    group.refresh_from_db()
    assert group.name == "Renamed" and group.slug == "admin-made"
    assert list(group.local_authorities.all()) == []
    assert AuditEvent.objects.filter(action="groups.group_updated", object_id=str(group.pk)).exists()


def test_admin_pages_for_groups_open(admin_client):
    group = GroupFactory()
    for name in (
        "groups_group",
        "groups_chartersignature",
        "groups_organisationpledge",
        "groups_charterversion",
    ):
        assert admin_client.get(reverse(f"admin:{name}_changelist")).status_code == 200
    assert admin_client.get(reverse("admin:groups_group_change", args=[group.pk])).status_code == 200


def test_admin_publishes_charter_versions_without_editing_old_ones(admin_client):
    from groups.models import CharterVersion

    url = reverse("admin:groups_charterversion_add")
    for title in ("First", "Second"):
        response = admin_client.post(url, {"title": title, "text": "Words", "organisation_pledge": ""})
        assert response.status_code == 302
    assert list(CharterVersion.objects.order_by("number").values_list("number", "title")) == [
        (1, "First"),
        (2, "Second"),
    ]
    first = CharterVersion.objects.get(number=1)
    admin_client.post(
        reverse("admin:groups_charterversion_change", args=[first.pk]), {"title": "Changed", "text": "x"}
    )
    first.refresh_from_db()
    assert first.title == "First"
