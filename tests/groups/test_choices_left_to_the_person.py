"""Forms choose nothing for the person: a choice they must make starts on "Choose…", and a
form sent untouched is refused with a message beside each choice, saving nothing."""

from __future__ import annotations

import pytest
from django.urls import reverse

from groups.models import Activity, GroupApplication, GroupInvitation, Organisation, OrganisationPledge
from tests.factories import GroupFactory, UserFactory, make_lead
from tests.security.hostile import assert_errors_beside_fields, assert_typed_values_kept
from tests.untouched import untouched

pytestmark = pytest.mark.django_db


def _refused_untouched(client, url: str, typed: dict, *, must_choose: set[str]):
    page = client.get(url)
    assert page.status_code == 200
    data = {**untouched(page.content.decode()), **typed}
    for name in must_choose:
        assert data[name] == "", f"{name} was chosen for the person: {data[name]!r}"
    response = client.post(url, data)
    assert response.status_code == 200
    assert must_choose <= set(response.context["form"].errors)
    assert_errors_beside_fields(response)
    assert_typed_values_kept(response, typed)
    return response


def test_an_organisation_pledge_sent_untouched_is_not_a_school(client):
    url = reverse("charter:organisation_sign")
    response = client.post(url, untouched(client.get(url).content.decode()))
    assert response.status_code == 200
    assert Organisation.objects.count() == 0 and OrganisationPledge.objects.count() == 0


def test_an_organisation_pledge_asks_for_type_region_and_size_and_keeps_what_was_typed(client):
    typed = {
        "name": "Testville Library",
        "address": "1 Book Street",
        "postcode": "TV1 2AB",
        "contact_name": "Lin Reader",
        "contact_email": "lin@example.org",
        "agree": "on",
    }
    response = _refused_untouched(
        client, reverse("charter:organisation_sign"), typed, must_choose={"org_type", "region", "size_band"}
    )
    errors = response.context["form"].errors
    assert errors["org_type"] == ["Choose the type of organisation."]
    assert errors["region"] == ["Choose the nation or region the organisation is in."]
    assert errors["size_band"] == ["Choose how many people the organisation has."]
    assert set(errors) == {"org_type", "region", "size_band"}
    assert Organisation.objects.count() == 0


def test_an_application_to_start_a_group_asks_for_nation_and_region(client_for):
    typed = {"name": "Testville", "area_served": "Testville", "why": "Welcome", "who_involved": "Us"}
    typed["accept_guidelines"] = "on"
    response = _refused_untouched(
        client_for(UserFactory()), reverse("groups:apply"), typed, must_choose={"nation", "region"}
    )
    assert response.context["form"].errors["region"] == ["Choose the region the group would be in."]
    assert GroupApplication.objects.count() == 0


def test_an_activity_asks_for_its_type(client_for):
    group = GroupFactory()
    client = client_for(make_lead(group))
    typed = {"date": "2026-01-05", "title": "Welcome tea", "attendance": "12", "lived_experience": "3"}
    response = _refused_untouched(
        client, reverse("groups:activities", args=[group.slug]), typed, must_choose={"kind"}
    )
    assert response.context["form"].errors["kind"] == ["Choose the type of activity."]
    assert Activity.objects.count() == 0


@pytest.mark.parametrize("page", ["groups:workspace", "groups:invite"])
def test_an_invitation_asks_whether_a_member_or_a_lead(client_for, page):
    group = GroupFactory()
    client = client_for(make_lead(group))
    invite = reverse("groups:invite", args=[group.slug])
    html = client.get(reverse(page, args=[group.slug])).content.decode()
    data = untouched(html, action="" if page == "groups:invite" else invite)
    assert data["role"] == ""
    response = client.post(reverse("groups:invite", args=[group.slug]), {**data, "email": "new@example.org"})
    assert response.status_code == 200
    assert response.context["form"].errors["role"] == ["Choose whether they join as a member or as a lead."]
    assert_errors_beside_fields(response)
    assert "new@example.org" in response.content.decode()
    assert GroupInvitation.objects.count() == 0


def test_a_decision_sent_without_choosing_decides_nothing(client_for, national_staff):
    application = GroupApplication.objects.create(
        applicant=UserFactory(),
        name="Testville",
        area_served="Testville",
        nation="england",
        region="north_west",
        why="Welcome",
        who_involved="Us",
    )
    url = reverse("groups:application_decide", args=[application.pk])
    client = client_for(national_staff)
    response = client.post(url, untouched(client.get(url).content.decode()))
    assert response.status_code == 200
    assert response.context["form"].errors["decision"] == ["Choose whether to approve or decline."]
    application.refresh_from_db()
    assert application.status == GroupApplication.Status.PENDING
