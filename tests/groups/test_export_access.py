"""The group export answers outsiders 404 before any request to sign in again."""

import pytest
from django.urls import reverse

from tests.factories import GroupFactory, make_lead

pytestmark = pytest.mark.django_db


def test_a_lead_of_another_group_gets_404_not_a_reauthentication_prompt(client_for):
    group, other = GroupFactory(), GroupFactory()
    outsider = make_lead(other)
    response = client_for(outsider).get(reverse("groups:export", args=[group.slug]))
    assert response.status_code == 404


def test_the_groups_own_lead_is_asked_to_sign_in_again(client_for):
    group = GroupFactory()
    lead = make_lead(group)
    response = client_for(lead).get(reverse("groups:export", args=[group.slug]))
    assert response.status_code == 302
    assert "/accounts/reauthenticate/" in response["Location"]
