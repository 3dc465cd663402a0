"""A person's data rights (issue 18, SECURITY.md 18): every app's records of them are in their
data, and deleting the account leaves no personal value of theirs anywhere, while the records
others rely on stay, attached to an anonymous placeholder."""

from __future__ import annotations

import json

import pytest
from allauth.account.models import EmailAddress
from django.apps import apps
from django.db import connection, models
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from awards import services as award_services
from awards.models import Application as AwardApplication
from campaigns.models import Action, PledgeSignature
from groups import services as group_services
from groups.models import CharterSignature, GroupContactMessage, GroupMembership, OrganisationPledge
from resources import services as resource_services
from returnees.models import CircleMember
from sanctuary import services
from sanctuary.errors import Refused
from sanctuary.models import AuditEvent, User
from sanctuary.rights_views import personal_data
from tests.awards.factories import make_draft, make_stream
from tests.campaigns.factories import ActionFactory, CampaignFactory, PledgeSignatureFactory
from tests.factories import (
    GroupFactory,
    GroupMembershipFactory,
    OrganisationContactFactory,
    UserFactory,
    make_lead,
)
from tests.groups.factories import CharterVersionFactory, PledgeFactory, SignatureFactory
from tests.la_network.factories import CouncilContactFactory
from tests.returnees.factories import guardian_of, monitored_case, reauthenticate

pytestmark = pytest.mark.django_db

EMAIL = "zq-person-7f3a@example.net"
SECOND_EMAIL = "zq-second-7f3a@example.net"
NAME = "Zephyrine Quillfeather"
TOWN = "Quillhampton"
PLANTED = (EMAIL, SECOND_EMAIL, NAME, TOWN, "Quillfeather")


def _everywhere(person: User) -> dict:
    """The person's records in every app, each carrying planted values."""
    EmailAddress.objects.create(user=person, email=SECOND_EMAIL, verified=True)
    CharterVersionFactory()
    group = GroupFactory(name="Riverton")
    make_lead(group)
    group_services.membership_join(group=group, user=person)
    signature = SignatureFactory(name=NAME, email=EMAIL, place=TOWN, group=group, consent_public_name=True)
    contact = OrganisationContactFactory(user=person, job_title="Head of " + NAME)
    pledge = PledgeFactory(
        organisation=contact.organisation,
        contact_name=NAME,
        contact_email=EMAIL,
        signed_by=person,
        status=OrganisationPledge.Status.APPROVED,
    )
    group_services.group_contact_send(
        group=group, sender_name=NAME, sender_email=EMAIL, message=f"From {TOWN}"
    )
    group_services.group_application_submit(
        applicant=person,
        name="Quill group",
        area_served="Quill valley",
        nation="england",
        region="north_west",
        why=f"I am {NAME}",
        who_involved=f"{NAME} and friends",
    )
    campaign = CampaignFactory(pledge_statement="We welcome.")
    action = ActionFactory(campaign=campaign, user=person, place=TOWN, details={"note": NAME})
    pledge_signature = PledgeSignatureFactory(
        campaign=campaign, name=NAME, email=SECOND_EMAIL, town=TOWN, confirmed_at=timezone.now()
    )
    award_application = make_draft(contact=contact)
    award_services.interest_register(stream=make_stream(), organisation=contact.organisation, user=person)
    council_contact = CouncilContactFactory(user=person)
    resource_services.suggestion_make(
        user=person, title="Quill guide", summary=f"Written by {NAME}", url="https://example.org/quill"
    )
    return {
        "group": group,
        "signature": signature,
        "pledge": pledge,
        "action": action,
        "pledge_signature": pledge_signature,
        "award_application": award_application,
        "council_contact": council_contact,
        "campaign": campaign,
    }


@pytest.fixture
def person():
    return UserFactory(email=EMAIL, display_name=NAME)


def _download(client, person) -> dict:
    reauthenticate(client, person)
    response = client.get(reverse("my_data_download"))
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="my-data.json"'
    assert "no-store" in response["Cache-Control"]
    return json.loads(response.content)


def test_the_download_holds_the_persons_records_from_every_app(client, person):
    records = _everywhere(person)
    case = monitored_case()
    CircleMember.objects.create(case=case, guardian=person, is_lead=False)
    client.force_login(person)

    data = _download(client, person)["sections"]
    assert set(data) == {"account", "groups", "campaigns", "awards", "la_network", "returnees", "resources"}
    account = data["account"]["records"]
    assert account["Account"][0]["Email address"] == EMAIL
    assert {row["Email address"] for row in account["Email addresses"]} == {EMAIL, SECOND_EMAIL}
    assert "groups.member_joined" in {row["Action"] for row in account["What you did on the platform"]}
    groups = data["groups"]["records"]
    assert groups["Group memberships"][0]["Group"] == "Riverton"
    assert groups["Charter signature"][0]["Postcode or town"] == TOWN
    assert groups["Organisation pledges"][0]["Contact person"] == NAME
    assert groups["Organisations you act for"][0]["Organisation"] == records["pledge"].organisation.name
    assert groups["Requests to start a group"][0]["Why"] == f"I am {NAME}"
    assert groups["Messages you sent to groups"][0]["Your name"] == NAME
    campaigns = data["campaigns"]["records"]
    assert campaigns["Campaign actions"][0]["Details"] == {"note": NAME}
    assert campaigns["Pledge signatures"][0]["Email address"] == SECOND_EMAIL
    awards = data["awards"]["records"]
    assert awards["Award applications you started"][0]["Stream"] == records["award_application"].stream.name
    assert len(awards["Streams you asked to hear about"]) == 1
    la = data["la_network"]["records"]
    assert la["Councils you act for"][0]["Council"] == records["council_contact"].local_authority.short_name
    suggested = data["resources"]["records"]["Resources you suggested"]
    assert suggested[0]["What you wrote"] == f"Written by {NAME}"
    circles = data["returnees"]["records"]["Supporter circles you are in"]
    assert circles == [
        {"Case reference": case.reference, "Lead guardian": False, "Added": circles[0]["Added"]}
    ]


def test_a_guardians_data_names_the_case_reference_never_the_returnee(client):
    case = monitored_case()
    guardian = guardian_of(case, lead=True)
    client.force_login(guardian)
    page = client.get(reverse("my_data"))
    assert page.status_code == 200 and case.reference in page.text
    assert case.full_name not in page.text
    assert case.full_name not in json.dumps(_download(client, guardian))


def test_the_page_shows_the_same_data_and_the_withdraw_links(client, person):
    records = _everywhere(person)
    client.force_login(person)
    page = client.get(reverse("my_data")).text
    for value in (EMAIL, SECOND_EMAIL, NAME, TOWN, "Riverton"):
        assert value in page
    assert (
        reverse("charter:signature", args=[group_services.signature_manage_token(records["signature"])])
        in page
    )
    assert reverse("charter:pledge", args=[group_services.pledge_manage_token(records["pledge"])]) in page


def test_the_download_needs_a_recent_password(client, person):
    client.force_login(person)
    response = client.get(reverse("my_data_download"))
    assert response.status_code == 302 and "/accounts/reauthenticate/" in response["Location"]


def _queries(person) -> int:
    with CaptureQueriesContext(connection) as captured:
        personal_data(User.objects.get(pk=person.pk))
    return len(captured)


def test_the_data_is_read_in_a_fixed_number_of_queries_whatever_its_size(person):
    _everywhere(person)
    small = _queries(person)
    campaign = CampaignFactory(pledge_statement="We welcome.")
    for _n in range(6):
        ActionFactory(campaign=campaign, user=person)
        GroupMembershipFactory(user=person)
        OrganisationContactFactory(user=person)
        CouncilContactFactory(user=person)
        CircleMember.objects.create(case=monitored_case(), guardian=person)
        PledgeSignatureFactory(email=EMAIL)
        make_draft(contact=OrganisationContactFactory(user=person))
    assert _queries(person) == small


# --- deleting the account --------------------------------------------------------------------------


def _text_fields(model) -> list[str]:
    kinds = (models.CharField, models.TextField, models.EmailField, models.JSONField)
    return [f.attname for f in model._meta.concrete_fields if isinstance(f, kinds)]


def _personal_values_left(values) -> list[str]:
    """Every text column of every table, read through the ORM (encrypted fields decrypt)."""
    found = []
    for model in apps.get_models():
        names = _text_fields(model)
        if not names:
            continue
        for row in model._base_manager.values_list("pk", *names):
            for name, value in zip(names, row[1:], strict=True):
                text = json.dumps(value) if not isinstance(value, str) else value
                for planted in values:
                    if text and planted.lower() in text.lower():
                        found.append(f"{model._meta.label}.{name}#{row[0]}: {planted}")
    return found


def test_after_deletion_no_personal_value_of_theirs_is_left_in_any_table(
    client, person, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        records = _everywhere(person)
        group_services.signature_create(  # an email to them sits in the outbox
            name=NAME, email=SECOND_EMAIL, place=TOWN, consent_group_contact=False, consent_public_name=False
        )
    assert _personal_values_left(PLANTED)  # the scan finds what is there
    client.force_login(person)
    reauthenticate(client, person)

    asked = client.post(reverse("account_delete"))
    assert asked.status_code == 200 and "confirmed" in asked.text
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("account_delete"), {"confirmed": "yes"})
    assert response.status_code == 302 and response["Location"] == reverse("home")

    assert _personal_values_left(PLANTED) == []
    # The account row is an anonymous placeholder that cannot sign in.
    placeholder = User.objects.get(pk=person.pk)
    assert placeholder.display_name == services.DELETED_DISPLAY_NAME and not placeholder.is_active
    assert not placeholder.has_usable_password()
    assert not client.login(email=EMAIL, password="x")
    assert client.get(reverse("dashboard")).status_code == 302  # signed out
    # Records others rely on stay, pointing at the placeholder; the person's own records are gone.
    assert AwardApplication.objects.get(pk=records["award_application"].pk).applicant_id == person.pk
    assert AuditEvent.objects.filter(actor_id=person.pk, action="groups.member_joined").exists()
    assert not CharterSignature.objects.exists()
    assert not PledgeSignature.objects.exists()
    assert not Action.objects.exists()
    assert not GroupMembership.objects.filter(user=person).exists()
    assert not GroupContactMessage.objects.exists()
    assert OrganisationPledge.objects.filter(pk=records["pledge"].pk).exists()  # the organisation's
    # The public counts forgot the signature.
    from groups import selectors

    assert selectors.public_counts()["signatures"] == 0
    event = AuditEvent.objects.get(action="sanctuary.account_deleted")
    assert event.object_id == str(person.pk) and event.detail == {}


def test_the_last_lead_of_a_group_is_told_what_to_do_first(client):
    group = GroupFactory(name="Northfield")
    lead = make_lead(group)
    client.force_login(lead)
    reauthenticate(client, lead)
    page = client.get(reverse("account_delete"))
    assert "only lead of Northfield" in page.text and "Delete my account" not in page.text
    response = client.post(reverse("account_delete"), {"confirmed": "yes"})
    assert response.status_code == 200 and "only lead of Northfield" in response.text
    with pytest.raises(Refused, match="only lead of Northfield"):
        services.account_delete(user=lead)
    assert User.objects.get(pk=lead.pk).is_active
    # With a second lead, nothing blocks.
    make_lead(group)
    assert services.account_deletion_blockers(user=lead) == []


@pytest.mark.parametrize("lead", [True, False])
def test_a_guardian_in_a_circle_is_told_to_ask_the_coordinator_first(lead):
    case = monitored_case()
    guardian = guardian_of(case, lead=lead)
    (reason,) = services.account_deletion_blockers(user=guardian)
    assert "Ask the safeguarding coordinator" in reason
    assert ("lead guardian of 1" in reason) is lead
    with pytest.raises(Refused):
        services.account_delete(user=guardian)
    assert CircleMember.objects.filter(guardian=guardian).exists()
    CircleMember.objects.filter(guardian=guardian).delete()
    services.account_delete(user=guardian)
    assert not User.objects.get(pk=guardian.pk).is_active


def test_deleting_needs_a_recent_password(client, person):
    client.force_login(person)
    response = client.get(reverse("account_delete"))
    assert response.status_code == 302 and "/accounts/reauthenticate/" in response["Location"]


def test_an_address_typed_into_an_account_but_never_verified_opens_nothing(client, person):
    """Someone cannot see or erase another person's signature by adding that address unverified."""
    theirs = SignatureFactory(email="someone.else@example.net")
    EmailAddress.objects.create(user=person, email="someone.else@example.net", verified=False)
    client.force_login(person)
    page = client.get(reverse("my_data")).text
    assert theirs.name not in page and "Withdraw or change your charter signature" not in page
    services.account_delete(user=person)
    assert CharterSignature.objects.filter(pk=theirs.pk).exists()


def test_deleting_signs_the_person_out_of_every_other_session(client_for, person):
    elsewhere = client_for(person)
    assert elsewhere.get(reverse("dashboard")).status_code == 200
    services.account_delete(user=person)
    response = elsewhere.get(reverse("dashboard"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
