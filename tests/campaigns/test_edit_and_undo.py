"""The person who logged an action (and national staff) may correct or delete it; nobody else
learns it exists. Deleting asks first, without JavaScript, and deletes only once confirmed."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from campaigns import services
from campaigns.models import Action, Campaign
from sanctuary.errors import Refused
from sanctuary.models import AuditEvent
from tests.campaigns.factories import ActionFactory, CampaignFactory
from tests.campaigns.test_actions import mp_letter, png_upload
from tests.factories import GroupFactory, UserFactory, make_lead, make_staff

pytestmark = pytest.mark.django_db

CONFIRMED = {"confirmed": "yes"}


def _mine(campaign) -> tuple[Action, object]:
    author = UserFactory()
    return ActionFactory(campaign=campaign, user=author, place="Riverton"), author


def test_the_author_corrects_their_action_and_the_figures_follow(client_for, campaign, client):
    action, author = _mine(campaign)
    detail = reverse("campaigns:detail", args=[campaign.slug])
    client.get(detail)  # cached figures
    url = reverse("campaigns:action_edit", args=[action.pk])
    form = client_for(author).get(url)
    assert form.status_code == 200 and 'value="Riverton"' in form.text and "A. Member" in form.text
    yesterday = (timezone.localdate() - dt.timedelta(days=1)).isoformat()
    data = mp_letter(region="london", place="N1", detail_constituency="Islington North", done_on=yesterday)
    response = client_for(author).post(url, data)
    assert response.status_code == 302
    action.refresh_from_db()
    assert (action.region, action.nation, action.place) == ("london", "england", "N1")
    assert action.details["constituency"] == "Islington North"
    assert action.breakdown_value == "Islington North"
    event = AuditEvent.objects.get(action="campaigns.action_updated")
    assert event.actor == author and event.object_id == str(action.pk)
    assert {"region", "place", "details", "done_on"} <= set(event.detail["fields"])
    staff = client_for(make_staff("national_staff"))
    dashboard = staff.get(reverse("campaigns:dashboard"), {"region": "london"})
    assert dashboard.context["figures"].total == 1


def test_a_bad_correction_is_explained_and_keeps_what_was_typed(client_for, campaign):
    action, author = _mine(campaign)
    tomorrow = (timezone.localdate() + dt.timedelta(days=1)).isoformat()
    response = client_for(author).post(
        reverse("campaigns:action_edit", args=[action.pk]), mp_letter(done_on=tomorrow, place="Typed here")
    )
    assert response.status_code == 200
    assert "cannot be in the future" in response.text and 'value="Typed here"' in response.text
    action.refresh_from_db()
    assert action.place == "Riverton"


def test_a_new_photo_replaces_the_old_one(client_for, campaign, django_capture_on_commit_callbacks):
    action, author = _mine(campaign)
    action.photo.save("old.png", png_upload(), save=True)
    old_name, storage = action.photo.name, action.photo.storage
    client_for(author).post(
        reverse("campaigns:action_edit", args=[action.pk]), {**mp_letter(), "photo": png_upload()}
    )
    action.refresh_from_db()
    assert action.photo.name != old_name and storage.exists(action.photo.name)


@pytest.mark.parametrize("who", ["another_supporter", "lead_of_the_group"])
def test_nobody_else_may_see_correct_or_delete_an_action(client_for, campaign, who):
    group = GroupFactory()
    lead = make_lead(group)
    action, _author = _mine(campaign)
    Action.objects.filter(pk=action.pk).update(group=group)
    client = client_for(UserFactory() if who == "another_supporter" else lead)
    edit = reverse("campaigns:action_edit", args=[action.pk])
    delete = reverse("campaigns:action_delete", args=[action.pk])
    assert client.get(edit).status_code == 404
    assert client.post(edit, mp_letter(place="Elsewhere")).status_code == 404
    assert client.get(delete).status_code == 404
    assert client.post(delete, CONFIRMED).status_code == 404
    action.refresh_from_db()
    assert action.place == "Riverton"


def test_national_staff_may_correct_and_delete_an_action(client_for, campaign):
    action, _author = _mine(campaign)
    staff = make_staff("national_staff")
    client = client_for(staff)
    assert (
        client.post(reverse("campaigns:action_edit", args=[action.pk]), mp_letter(place="N1")).status_code
        == 302
    )
    assert Action.objects.get(pk=action.pk).place == "N1"
    assert client.post(reverse("campaigns:action_delete", args=[action.pk]), CONFIRMED).status_code == 302
    assert not Action.objects.filter(pk=action.pk).exists()
    assert AuditEvent.objects.get(action="campaigns.action_deleted").actor == staff


def test_deleting_an_action_asks_first_and_deletes_only_once_confirmed(
    client_for, campaign, client, django_capture_on_commit_callbacks
):
    action, author = _mine(campaign)
    action.photo.save("stunt.png", png_upload(), save=True)
    photo, storage = action.photo.name, action.photo.storage
    detail = reverse("campaigns:detail", args=[campaign.slug])
    assert client.get(detail).context["figures"].total == 1  # cached
    own = client_for(author)
    mine = own.get(reverse("campaigns:mine")).text
    url = reverse("campaigns:action_delete", args=[action.pk])
    assert f'action="{url}"' in mine

    asked = own.post(url)
    assert asked.status_code == 200 and asked.templates[0].name == "confirm.html"
    assert 'name="confirmed" value="yes"' in asked.text and reverse("campaigns:mine") in asked.text
    assert Action.objects.filter(pk=action.pk).exists()
    assert own.get(url).status_code == 200 and Action.objects.filter(pk=action.pk).exists()

    with django_capture_on_commit_callbacks(execute=True):
        assert own.post(url, CONFIRMED).status_code == 302
    assert not Action.objects.filter(pk=action.pk).exists()
    event = AuditEvent.objects.get(action="campaigns.action_deleted")
    assert event.actor == author and event.object_id == str(action.pk)
    assert client.get(detail).context["figures"].total == 0
    assert not storage.exists(photo)
    # A second confirmed post (a double click) finds nothing left to delete.
    assert own.post(url, CONFIRMED).status_code == 404


def test_an_action_of_a_closed_campaign_can_be_deleted_but_not_changed(client_for):
    campaign = CampaignFactory(status=Campaign.Status.CLOSED)
    action, author = _mine(campaign)
    client = client_for(author)
    mine = client.get(reverse("campaigns:mine")).text
    assert reverse("campaigns:action_edit", args=[action.pk]) not in mine
    assert reverse("campaigns:action_delete", args=[action.pk]) in mine
    response = client.post(reverse("campaigns:action_edit", args=[action.pk]), mp_letter(place="N1"))
    assert response.status_code == 409 and "can no longer be changed" in response.text
    with pytest.raises(Refused):
        services.action_update(
            action=action, actor=author, done_on=action.done_on, region="london", details=action.details
        )
    assert Action.objects.get(pk=action.pk).place == "Riverton"
    assert client.post(reverse("campaigns:action_delete", args=[action.pk]), CONFIRMED).status_code == 302
    assert not Action.objects.filter(pk=action.pk).exists()
