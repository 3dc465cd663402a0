"""The action form chooses nothing for the person: the region and every required choice among
the type's own details start on "Choose…", and an untouched form logs nothing."""

from __future__ import annotations

import pytest
from django.urls import reverse

from campaigns.models import Action
from tests.factories import UserFactory
from tests.security.hostile import assert_errors_beside_fields, assert_typed_values_kept
from tests.untouched import untouched

pytestmark = pytest.mark.django_db


def test_a_conversation_logged_untouched_asks_where_and_with_whom(client_for, campaign):
    client = client_for(UserFactory())
    url = reverse("campaigns:act", args=[campaign.slug])
    page = client.get(url + "?type=conversation").content.decode()
    data = untouched(page, action=url)
    assert data["region"] == "" and data["detail_with_whom"] == ""
    response = client.post(url, {**data, "place": "Riverton"})
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert errors["region"] == ["Choose the nation or region where you did it."]
    assert errors["detail_with_whom"] == ["Choose an answer to “Who you spoke with”."]
    assert_errors_beside_fields(response)
    assert_typed_values_kept(response, {"place": "Riverton"})
    assert Action.objects.count() == 0


def test_an_optional_choice_among_the_details_may_be_left_empty(client_for, campaign):
    client = client_for(UserFactory())
    url = reverse("campaigns:act", args=[campaign.slug])
    data = untouched(client.get(url + "?type=write-to-mp").content.decode(), action=url)
    assert data["detail_method"] == ""  # "how it was sent" is optional: empty, never "Letter"
