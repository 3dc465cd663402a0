from __future__ import annotations

import pytest
from django.urls import reverse

from groups.models import Organisation, OrganisationContact, OrganisationPledge
from tests.factories import GroupFactory, OrganisationContactFactory, UserFactory, make_lead
from tests.groups.factories import PledgeFactory

pytestmark = pytest.mark.django_db

PLEDGE = {
    "name": "Testville Library",
    "org_type": "library",
    "website": "https://library.example.org",
    "address": "1 Book Street",
    "postcode": "tv1 2ab",
    "region": "north_west",
    "size_band": "10-49",
    "contact_name": "Lin Reader",
    "contact_email": "lin@example.org",
    "agree": "on",
}


def test_organisation_signs_pledge_and_waits_for_approval(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    group = GroupFactory()
    make_lead(group, email="lead@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("charter:organisation_sign"), {**PLEDGE, "group": group.pk})
    assert response.status_code == 302
    org = Organisation.objects.get()
    assert org.postcode == "TV1 2AB" and org.nation == "england" and org.slug == "testville-library"
    assert org.pledge.status == OrganisationPledge.Status.PENDING
    assert {m.to[0] for m in mailoutbox} == {"lin@example.org", "lead@example.org"}
    assert "Testville Library" not in client.get(reverse("charter:organisations")).text
    assert "Testville Library" not in client.get(reverse("groups:detail", args=[group.slug])).text


def test_pledge_with_bad_postcode_is_refused_and_nothing_saved(client):
    response = client.post(reverse("charter:organisation_sign"), {**PLEDGE, "postcode": "NOT A CODE"})
    assert response.status_code == 200
    assert "Enter a UK postcode" in response.text
    assert Organisation.objects.count() == 0


def test_signed_in_person_becomes_the_organisations_contact(client_for):
    person = UserFactory()
    client_for(person).post(reverse("charter:organisation_sign"), PLEDGE)
    assert OrganisationContact.objects.filter(user=person, organisation__name="Testville Library").exists()


def test_local_lead_approves_pledge_and_it_is_listed_publicly(client, client_for):
    group = GroupFactory()
    lead = make_lead(group)
    pledge = PledgeFactory(organisation__group=group, organisation__name="Friendly Bakery")
    lead_client = client_for(lead)
    assert "Friendly Bakery" in lead_client.get(reverse("groups:workspace", args=[group.slug])).text
    response = lead_client.post(
        reverse("groups:pledge_decide", args=[group.slug, pledge.pk]), {"decision": "approve"}
    )
    assert response.status_code == 302
    pledge.refresh_from_db()
    assert pledge.status == OrganisationPledge.Status.APPROVED and pledge.decided_by == lead
    assert "Friendly Bakery" in client.get(reverse("charter:organisations")).text
    assert "Friendly Bakery" in client.get(reverse("groups:detail", args=[group.slug])).text


def test_lead_of_another_group_cannot_decide_the_pledge(client_for):
    group, other = GroupFactory(), GroupFactory()
    other_lead = make_lead(other)
    pledge = PledgeFactory(organisation__group=group)
    client = client_for(other_lead)
    assert client.get(reverse("groups:pledge_decide", args=[group.slug, pledge.pk])).status_code == 404
    assert (
        client.post(
            reverse("groups:pledge_decide", args=[other.slug, pledge.pk]), {"decision": "approve"}
        ).status_code
        == 404
    )
    pledge.refresh_from_db()
    assert pledge.status == OrganisationPledge.Status.PENDING


def test_national_staff_decline_needs_a_reason(client_for, national_staff):
    pledge = PledgeFactory()
    client = client_for(national_staff)
    url = reverse("charter:pledge_decide", args=[pledge.pk])
    response = client.post(url, {"decision": "decline", "reason": ""})
    assert "Give a reason" in response.text
    client.post(url, {"decision": "decline", "reason": "Not a real organisation"})
    pledge.refresh_from_db()
    assert pledge.status == OrganisationPledge.Status.DECLINED
    assert client.get(reverse("charter:pledges")).status_code == 200


def test_only_contacts_of_an_approved_organisation_download_the_supporter_logo(client_for):
    contact = OrganisationContactFactory()
    org = contact.organisation
    url = reverse("charter:supporter_logo", args=[org.slug])
    PledgeFactory(organisation=org, status=OrganisationPledge.Status.PENDING)
    assert client_for(contact.user).get(url).status_code == 404
    OrganisationPledge.objects.filter(organisation=org).update(status=OrganisationPledge.Status.APPROVED)
    response = client_for(contact.user).get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml"
    assert org.name.encode() in response.content
    assert client_for(UserFactory()).get(url).status_code == 404


def test_contact_finds_the_supporter_logo_on_the_dashboard(client_for):
    contact = OrganisationContactFactory(organisation__name="Helpful Theatre")
    PledgeFactory(organisation=contact.organisation, status=OrganisationPledge.Status.APPROVED)
    body = client_for(contact.user).get(reverse("dashboard")).text
    assert "Helpful Theatre" in body
    assert reverse("charter:supporter_logo", args=[contact.organisation.slug]) in body
