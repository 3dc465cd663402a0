"""Who may open which groups page: role x view x relationship (own group / other group)."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from groups.models import GroupMembership
from tests.factories import GroupFactory, GroupMembershipFactory, UserFactory, make_lead
from tests.groups.factories import ActivityFactory, PledgeFactory

pytestmark = pytest.mark.django_db

# (url name, needs a member pk / activity pk / pledge pk)
WORKSPACE_VIEWS = [
    ("groups:workspace", None),
    ("groups:edit", None),
    ("groups:invite", None),
    ("groups:activities", None),
    ("groups:pledge_decide", "pledge"),
]
STAFF_VIEWS = ["groups:applications", "charter:pledges"]

# who -> expected status on the group's workspace pages
EXPECTED = {
    "own_lead": 200,
    "other_lead": 404,
    "member": 404,
    "stranger": 404,
    "national_staff": 200,
}


@pytest.fixture
def world(national_staff):
    group = GroupFactory()
    other = GroupFactory()
    people = {
        "own_lead": make_lead(group),
        "other_lead": make_lead(other),
        "member": GroupMembershipFactory(group=group).user,
        "stranger": UserFactory(),
        "national_staff": national_staff,
    }
    pledge = PledgeFactory(organisation__group=group)
    return group, people, {"pledge": pledge.pk}


@pytest.mark.parametrize("who", sorted(EXPECTED))
@pytest.mark.parametrize("name,extra", WORKSPACE_VIEWS)
def test_workspace_permission_matrix(client_for, world, who, name, extra):
    group, people, ids = world
    args = [group.slug] + ([ids[extra]] if extra else [])
    response = client_for(people[who]).get(reverse(name, args=args))
    assert response.status_code == EXPECTED[who]


@pytest.mark.parametrize("who", sorted(EXPECTED))
@pytest.mark.parametrize("name", STAFF_VIEWS)
def test_staff_pages_permission_matrix(client_for, world, who, name):
    _, people, _ = world
    expected = 200 if who == "national_staff" else 404
    assert client_for(people[who]).get(reverse(name)).status_code == expected


@pytest.mark.parametrize("who", ["other_lead", "member", "stranger"])
def test_only_a_lead_can_change_members_or_activities(client_for, world, who):
    group, people, _ = world
    membership = GroupMembership.objects.get(user=people["member"])
    activity = ActivityFactory(group=group)
    client = client_for(people[who])
    assert (
        client.post(
            reverse("groups:member_role", args=[group.slug, membership.pk]), {"role": "lead"}
        ).status_code
        == 404
    )
    confirmed = {"confirmed": "yes"}
    delete = reverse("groups:activity_delete", args=[group.slug, activity.pk])
    assert client.post(delete, confirmed).status_code == 404
    remove = reverse("groups:member_remove", args=[group.slug, membership.pk])
    assert client.post(remove, confirmed).status_code == 404
    edit = reverse("groups:activity_edit", args=[group.slug, activity.pk])
    assert client.get(edit).status_code == 404
    assert client.post(edit, {"date": "2026-01-05", "kind": "event", "title": "Renamed"}).status_code == 404
    assert group.activities.get(pk=activity.pk).title != "Renamed"
    assert group.memberships.filter(pk=membership.pk).exists()
    membership.refresh_from_db()
    assert membership.role == GroupMembership.Role.MEMBER
    assert group.activities.filter(pk=activity.pk).exists()


def _png() -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (20, 20), "teal").save(buffer, format="PNG")
    return SimpleUploadedFile("logo.png", buffer.getvalue(), content_type="image/png")


def test_lead_uploads_a_logo_that_the_public_page_shows(client, client_for):
    group = GroupFactory()
    lead = make_lead(group)
    data = {
        "name": group.name,
        "area_served": "Testville",
        "nation": "england",
        "region": "north_west",
        "status": "active",
        "logo": _png(),
    }
    assert client_for(lead).post(reverse("groups:edit", args=[group.slug]), data).status_code == 302
    group.refresh_from_db()
    assert group.logo.name.endswith(".png") and "logo" not in group.logo.name.rsplit("/", 1)[-1]
    assert (
        reverse("groups:logo", args=[group.slug])
        in client.get(reverse("groups:detail", args=[group.slug])).text
    )
    response = client.get(reverse("groups:logo", args=[group.slug]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"\x89PNG")


def test_a_new_logo_replaces_the_old_file(client_for, django_capture_on_commit_callbacks):
    group = GroupFactory()
    lead = make_lead(group)
    data = {
        "name": group.name,
        "area_served": "Testville",
        "nation": "england",
        "region": "north_west",
        "status": "active",
    }
    client = client_for(lead)
    client.post(reverse("groups:edit", args=[group.slug]), {**data, "logo": _png()})
    group.refresh_from_db()
    first = group.logo.name
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("groups:edit", args=[group.slug]), {**data, "logo": _png()})
    group.refresh_from_db()
    assert group.logo.name != first
    assert group.logo.storage.exists(group.logo.name) and not group.logo.storage.exists(first)


def test_a_file_pretending_to_be_a_logo_is_refused(client_for):
    group = GroupFactory()
    lead = make_lead(group)
    fake = SimpleUploadedFile("logo.png", b"<script>alert(1)</script>", content_type="image/png")
    data = {
        "name": group.name,
        "area_served": "Testville",
        "nation": "england",
        "region": "north_west",
        "status": "active",
        "logo": fake,
    }
    response = client_for(lead).post(reverse("groups:edit", args=[group.slug]), data)
    assert response.status_code == 200
    assert "could not be read" in response.text
    group.refresh_from_db()
    assert not group.logo


def test_public_forms_are_rate_limited(client):
    group = GroupFactory()
    make_lead(group)
    url = reverse("groups:contact", args=[group.slug])
    data = {"name": "Spammer", "email": "spam@example.net", "message": "Buy now"}
    statuses = [client.post(url, data).status_code for _ in range(6)]
    assert statuses == [302] * 5 + [429]
