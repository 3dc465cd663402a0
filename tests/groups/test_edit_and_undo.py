"""A group's leads correct and delete its activities; every destructive button asks first, on a
page that works without JavaScript, and nothing is deleted until the person confirms."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from groups.models import Activity, GroupMembership
from sanctuary.models import AuditEvent
from tests.factories import GroupFactory, GroupMembershipFactory, UserFactory, make_lead
from tests.groups.factories import ActivityFactory

pytestmark = pytest.mark.django_db

CONFIRMED = {"confirmed": "yes"}


def _edit_data(activity: Activity, **changes) -> dict:
    data = {
        "date": activity.date.isoformat(),
        "kind": activity.kind,
        "title": activity.title,
        "description": activity.description,
        "attendance": activity.attendance,
        "lived_experience": activity.lived_experience,
    }
    return {**data, **changes}


def test_a_lead_corrects_an_activity_and_the_group_page_follows(client, client_for):
    group = GroupFactory()
    lead = make_lead(group)
    activity = ActivityFactory(group=group, title="Welcom picnic", attendance=20)
    assert "Welcom picnic" in client.get(reverse("groups:detail", args=[group.slug])).text  # cached
    lead_client = client_for(lead)
    url = reverse("groups:activity_edit", args=[group.slug, activity.pk])
    form = lead_client.get(url)
    assert form.status_code == 200 and 'value="Welcom picnic"' in form.text
    response = lead_client.post(url, _edit_data(activity, title="Welcome picnic", attendance="25"))
    assert response.status_code == 302
    activity.refresh_from_db()
    assert (activity.title, activity.attendance) == ("Welcome picnic", 25)
    event = AuditEvent.objects.get(action="groups.activity_updated")
    assert event.actor == lead and event.object_id == str(activity.pk)
    assert event.detail["fields"] == ["attendance", "title"]
    page = client.get(reverse("groups:detail", args=[group.slug])).text
    assert "Welcome picnic" in page and "Welcom picnic" not in page


def test_a_bad_correction_is_explained_and_changes_nothing(client_for):
    group = GroupFactory()
    activity = ActivityFactory(group=group, attendance=20, lived_experience=5)
    response = client_for(make_lead(group)).post(
        reverse("groups:activity_edit", args=[group.slug, activity.pk]),
        _edit_data(activity, title="Renamed", lived_experience="30"),
    )
    assert response.status_code == 200
    assert "more than the number of people attending" in response.text
    assert 'value="Renamed"' in response.text
    activity.refresh_from_db()
    assert activity.title != "Renamed" and activity.lived_experience == 5


@pytest.mark.parametrize("who", ["other_lead", "member", "stranger"])
def test_nobody_but_the_groups_leads_may_correct_or_delete_its_activities(client_for, who):
    group = GroupFactory()
    make_lead(group)
    activity = ActivityFactory(group=group, title="Welcome picnic")
    person = {
        "other_lead": lambda: make_lead(GroupFactory()),
        "member": lambda: GroupMembershipFactory(group=group).user,
        "stranger": UserFactory,
    }[who]()
    client = client_for(person)
    edit = reverse("groups:activity_edit", args=[group.slug, activity.pk])
    delete = reverse("groups:activity_delete", args=[group.slug, activity.pk])
    assert client.get(edit).status_code == 404
    assert client.post(edit, _edit_data(activity, title="Renamed")).status_code == 404
    assert client.get(delete).status_code == 404
    assert client.post(delete, CONFIRMED).status_code == 404
    activity.refresh_from_db()
    assert activity.title == "Welcome picnic"


def test_a_lead_cannot_reach_another_groups_activity_through_their_own_group(client_for):
    mine, theirs = GroupFactory(), GroupFactory()
    lead = make_lead(mine)
    activity = ActivityFactory(group=theirs)
    client = client_for(lead)
    assert client.get(reverse("groups:activity_edit", args=[mine.slug, activity.pk])).status_code == 404
    assert (
        client.post(reverse("groups:activity_delete", args=[mine.slug, activity.pk]), CONFIRMED).status_code
        == 404
    )
    assert Activity.objects.filter(pk=activity.pk).exists()


def test_deleting_an_activity_asks_first_and_deletes_only_once_confirmed(client, client_for):
    group = GroupFactory()
    lead_client = client_for(make_lead(group))
    activity = ActivityFactory(
        group=group, title="Welcome picnic", date=timezone.localdate() - dt.timedelta(days=1)
    )
    url = reverse("groups:activity_delete", args=[group.slug, activity.pk])
    assert "Welcome picnic" in client.get(reverse("groups:detail", args=[group.slug])).text  # cached

    asked = lead_client.post(url)
    assert asked.status_code == 200
    assert asked.templates[0].name == "confirm.html"
    html = asked.content.decode()
    assert "Welcome picnic" in html and 'name="confirmed" value="yes"' in html
    assert f'action="{url}"' in html
    assert reverse("groups:activities", args=[group.slug]) in html  # the way back
    assert Activity.objects.filter(pk=activity.pk).exists()
    # A plain link (GET) shows the same question and deletes nothing either.
    assert lead_client.get(url).status_code == 200 and Activity.objects.filter(pk=activity.pk).exists()

    done = lead_client.post(url, CONFIRMED)
    assert done.status_code == 302
    assert not Activity.objects.filter(pk=activity.pk).exists()
    assert AuditEvent.objects.filter(action="groups.activity_deleted", object_id=str(activity.pk)).exists()
    assert "Welcome picnic" not in client.get(reverse("groups:detail", args=[group.slug])).text


def test_the_activities_page_offers_change_and_delete_for_each_activity(client_for):
    group = GroupFactory()
    activity = ActivityFactory(group=group)
    html = client_for(make_lead(group)).get(reverse("groups:activities", args=[group.slug])).text
    assert reverse("groups:activity_edit", args=[group.slug, activity.pk]) in html
    assert reverse("groups:activity_delete", args=[group.slug, activity.pk]) in html


def test_removing_a_member_asks_first(client_for):
    group = GroupFactory()
    client = client_for(make_lead(group))
    member = GroupMembershipFactory(group=group, user=UserFactory(display_name="Joe Bennett"))
    url = reverse("groups:member_remove", args=[group.slug, member.pk])
    asked = client.post(url, {"role": "member"})
    assert asked.status_code == 200 and "Remove Joe Bennett from" in asked.content.decode()
    assert GroupMembership.objects.filter(pk=member.pk).exists()
    assert client.post(url, {"role": "member", **CONFIRMED}).status_code == 302
    assert not GroupMembership.objects.filter(pk=member.pk).exists()


def test_leaving_a_group_asks_first(client_for):
    group = GroupFactory()
    make_lead(group)
    supporter = UserFactory()
    GroupMembershipFactory(group=group, user=supporter)
    client = client_for(supporter)
    url = reverse("groups:leave", args=[group.slug])
    asked = client.post(url)
    assert asked.status_code == 200 and f"Leave {group.name}?" in asked.content.decode()
    assert GroupMembership.objects.filter(group=group, user=supporter).exists()
    client.post(url, CONFIRMED)
    assert not GroupMembership.objects.filter(group=group, user=supporter).exists()
