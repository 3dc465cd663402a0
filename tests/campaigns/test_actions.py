from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from campaigns import services
from campaigns.models import Action, Campaign
from sanctuary.models import AuditEvent
from tests.campaigns.factories import ActionFactory, CampaignFactory, action_type
from tests.factories import GroupFactory, UserFactory, make_lead

pytestmark = pytest.mark.django_db


def mp_letter(**overrides) -> dict:
    today = timezone.localdate()
    data = {
        "type": "write-to-mp",
        "done_on": (today - dt.timedelta(days=1)).isoformat(),
        "place": "RV1",
        "region": "north_west",
        "detail_recipient": "Ann Member",
        "detail_constituency": "Riverton North",
        "detail_sent_on": (today - dt.timedelta(days=1)).isoformat(),
        "detail_method": "email",
    }
    data.update(overrides)
    return data


def png_upload() -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "blue").save(buffer, format="PNG")
    return SimpleUploadedFile("stunt.png", buffer.getvalue(), content_type="image/png")


def test_supporter_logs_an_mp_letter_with_its_details(client_for, user, campaign):
    response = client_for(user).post(reverse("campaigns:act", args=[campaign.slug]), mp_letter())
    assert response.status_code == 302
    action = Action.objects.get()
    assert action.user == user
    assert action.nation == "england"
    assert action.details["constituency"] == "Riverton North"
    assert action.breakdown_value == "Riverton North"
    assert action.is_public is False
    assert AuditEvent.objects.filter(action="campaigns.action_logged", object_id=str(action.pk)).exists()


def test_choosing_a_type_comes_first_and_works_without_javascript(client_for, user, campaign):
    client = client_for(user)
    page = client.get(reverse("campaigns:act", args=[campaign.slug]))
    assert b"?type=write-to-mp" in page.content
    form = client.get(reverse("campaigns:act", args=[campaign.slug]) + "?type=write-to-mp")
    assert b'name="detail_constituency"' in form.content
    assert b'name="viewport"' in form.content


def test_required_details_of_the_type_are_enforced_and_typed_values_kept(client_for, user, campaign):
    response = client_for(user).post(
        reverse("campaigns:act", args=[campaign.slug]), mp_letter(detail_constituency="")
    )
    assert response.status_code == 200
    assert "detail_constituency" in response.context["form"].errors
    assert b"Ann Member" in response.content
    assert not Action.objects.exists()


@pytest.mark.parametrize("field", ["done_on", "detail_sent_on"])
def test_dates_in_the_future_are_refused(client_for, user, campaign, field):
    tomorrow = (timezone.localdate() + dt.timedelta(days=1)).isoformat()
    response = client_for(user).post(
        reverse("campaigns:act", args=[campaign.slug]), mp_letter(**{field: tomorrow})
    )
    assert field in response.context["form"].errors
    assert not Action.objects.exists()


def test_each_type_has_its_own_details(client_for, user, campaign):
    client = client_for(user)
    data = {
        "type": "conversation",
        "done_on": timezone.localdate().isoformat(),
        "region": "wales",
    }
    response = client.post(reverse("campaigns:act", args=[campaign.slug]), data)
    assert "detail_with_whom" in response.context["form"].errors
    data["detail_with_whom"] = "family"
    assert client.post(reverse("campaigns:act", args=[campaign.slug]), data).status_code == 302
    action = Action.objects.get()
    assert action.details == {"with_whom": "family"}
    assert action.nation == "wales"


def test_a_type_the_campaign_does_not_ask_for_is_not_offered(client_for, user):
    campaign = CampaignFactory(types=[action_type("conversation")])
    response = client_for(user).post(reverse("campaigns:act", args=[campaign.slug]), mp_letter())
    assert response.status_code == 404


def test_closed_campaign_takes_no_new_actions(client_for, user):
    campaign = CampaignFactory(status=Campaign.Status.CLOSED)
    response = client_for(user).post(reverse("campaigns:act", args=[campaign.slug]), mp_letter())
    assert response.status_code == 409 and "not taking new actions" in response.text
    assert not Action.objects.exists()


def test_draft_campaign_is_hidden_from_supporters(client_for, user):
    campaign = CampaignFactory(status=Campaign.Status.DRAFT)
    assert client_for(user).get(reverse("campaigns:act", args=[campaign.slug])).status_code == 404
    assert client_for(user).get(reverse("campaigns:detail", args=[campaign.slug])).status_code == 404


def test_lead_logs_on_behalf_of_their_group(client_for, campaign):
    group = GroupFactory()
    lead = make_lead(group)
    response = client_for(lead).post(
        reverse("campaigns:act", args=[campaign.slug]), mp_letter(group=str(group.pk))
    )
    assert response.status_code == 302
    assert Action.objects.get().group == group


def test_supporter_cannot_log_for_a_group_they_do_not_lead(client_for, user, campaign):
    group = GroupFactory()
    response = client_for(user).post(
        reverse("campaigns:act", args=[campaign.slug]), mp_letter(group=str(group.pk))
    )
    # A supporter who leads no group is not offered the field at all.
    assert response.status_code == 302
    assert Action.objects.get().group is None
    with pytest.raises(ValidationError):
        services.check_can_log_for_group(user=user, group=group)


def test_lead_cannot_pick_another_groups_name(client_for, campaign):
    lead = make_lead(GroupFactory())
    other = GroupFactory()
    response = client_for(lead).post(
        reverse("campaigns:act", args=[campaign.slug]), mp_letter(group=str(other.pk))
    )
    assert "group" in response.context["form"].errors


def test_anonymous_visitor_must_sign_in_to_log(client, campaign):
    response = client.get(reverse("campaigns:act", args=[campaign.slug]))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_outcome_only_for_types_that_expect_one(db):
    conversation = ActionFactory(action_type=action_type("conversation"), details={"with_whom": "friend"})
    with pytest.raises(ValidationError):
        services.action_outcome_record(action=conversation, outcome={"reply": "yes"}, actor=conversation.user)
    letter = ActionFactory()
    services.action_outcome_record(action=letter, outcome={"reply": "yes"}, actor=letter.user)
    letter.refresh_from_db()
    assert letter.outcome_positive is True
    assert letter.outcome_recorded_at is not None


def test_private_actions_never_appear_publicly(client, campaign):
    ActionFactory(campaign=campaign, is_public=True, place="Publictown")
    ActionFactory(campaign=campaign, is_public=False, place="Secretville")
    page = client.get(reverse("campaigns:detail", args=[campaign.slug]))
    assert b"Publictown" in page.content
    assert b"Secretville" not in page.content
    # Both still count in the totals.
    assert page.context["figures"].total == 2


def test_photo_is_served_to_owner_and_staff_but_public_only_when_action_is(
    client, client_for, user, national_staff, campaign
):
    client_for(user).post(
        reverse("campaigns:act", args=[campaign.slug]), {**mp_letter(), "photo": png_upload()}
    )
    action = Action.objects.get()
    assert action.photo
    url = reverse("campaigns:photo", args=[action.pk])
    assert client_for(user).get(url).status_code == 200
    assert client_for(national_staff).get(url).status_code == 200
    assert client_for(UserFactory()).get(url).status_code == 404
    assert client.get(url).status_code == 404
    Action.objects.filter(pk=action.pk).update(is_public=True)
    assert client.get(url).status_code == 200


def test_a_file_that_is_not_an_image_is_refused(client_for, user, campaign):
    fake = SimpleUploadedFile("stunt.png", b"not an image", content_type="image/png")
    response = client_for(user).post(
        reverse("campaigns:act", args=[campaign.slug]), {**mp_letter(), "photo": fake}
    )
    assert "photo" in response.context["form"].errors


def test_my_actions_lists_only_mine(client_for, user):
    ActionFactory(user=user, place="Mineford")
    ActionFactory(place="Elsewhere")
    page = client_for(user).get(reverse("campaigns:mine"))
    assert page.status_code == 200
    assert len(page.context["rows"]) == 1
