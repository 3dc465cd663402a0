"""A charter signer or an organisation's contact withdraws, or changes the name consent, from
the link in every email about it (issue 18)."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from groups import selectors, services
from groups.models import CharterSignature, OrganisationPledge
from sanctuary.models import AuditEvent
from tests.factories import GroupFactory, OrganisationFactory, make_lead
from tests.groups.factories import CharterVersionFactory, PledgeFactory, SignatureFactory

pytestmark = pytest.mark.django_db


def _link(mail, prefix: str) -> str:
    return re.search(rf"(/{prefix}/[^/\s]+/)", mail.body).group(1)


def test_every_email_about_a_signature_carries_a_withdraw_link_without_the_address_or_name(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    CharterVersionFactory()
    with django_capture_on_commit_callbacks(execute=True):
        services.signature_create(
            name="Ada Lovelace",
            email="ada@example.net",
            place="Leeds",
            consent_group_contact=False,
            consent_public_name=True,
        )
    signature = CharterSignature.objects.get()
    services.signature_confirm(token=services.confirmation_token(signature))
    with django_capture_on_commit_callbacks(execute=True):  # signing again: "already signed"
        services.signature_create(
            name="Ada",
            email="ada@example.net",
            place="x",
            consent_group_contact=False,
            consent_public_name=False,
        )
    assert len(mailoutbox) == 2
    for mail in mailoutbox:
        for part in (mail.body, mail.alternatives[0][0]):
            assert "/charter/signature/" in part
        path = _link(mail, "charter/signature")
        assert "ada" not in path.lower() and "lovelace" not in path.lower()
        assert client.get(path).status_code == 200


def test_a_signer_withdraws_after_confirming_and_the_signature_is_deleted_and_uncounted(client):
    group = GroupFactory()
    signature = SignatureFactory(group=group, consent_public_name=True)
    assert selectors.public_counts()["signatures"] == 1
    path = reverse("charter:signature", args=[services.signature_manage_token(signature)])

    page = client.get(path)
    assert signature.name in page.text and "Withdraw my signature" in page.text
    asked = client.post(path, {"do": "withdraw"})
    assert asked.status_code == 200 and "confirmed" in asked.text
    assert CharterSignature.objects.filter(pk=signature.pk).exists()

    done = client.post(path, {"do": "withdraw", "confirmed": "yes"})
    assert done.status_code == 302 and done["Location"] == reverse("charter:sign")
    assert not CharterSignature.objects.filter(pk=signature.pk).exists()
    assert selectors.public_counts()["signatures"] == 0
    assert selectors.group_counts(group)["signatures"] == 0
    event = AuditEvent.objects.get(action="groups.signature_withdrawn")
    assert event.object_id == str(signature.pk) and signature.email not in str(event.detail)
    # The link dies with the record.
    assert client.get(path).status_code == 404


def test_a_signer_changes_whether_their_name_is_shown(client):
    signature = SignatureFactory(consent_public_name=True, name="Grace Hopper")
    assert list(selectors.public_signatories().values_list("name", flat=True)) == ["Grace Hopper"]
    path = reverse("charter:signature", args=[services.signature_manage_token(signature)])
    response = client.post(path, {"do": "consent"})  # the box left unticked
    assert response.status_code == 302
    signature.refresh_from_db()
    assert signature.consent_public_name is False
    assert list(selectors.public_signatories()) == []
    assert AuditEvent.objects.filter(action="groups.signature_consent_changed").count() == 1
    client.post(path, {"do": "consent", "consent_public_name": "on"})
    signature.refresh_from_db()
    assert signature.consent_public_name is True


@pytest.mark.parametrize("token", ["nonsense", "eyJzIjoxfQ:1abc:bad"])
def test_a_broken_or_forged_link_shows_a_problem_not_a_record(client, token):
    SignatureFactory()
    response = client.get(reverse("charter:signature", args=[token]))
    assert response.status_code == 404 and "cannot be used" in response.text


def test_a_pledge_token_does_not_open_a_signature(client):
    SignatureFactory()  # rows of both kinds exist, so only the salt stands between them
    pledge = PledgeFactory()
    response = client.get(reverse("charter:signature", args=[services.pledge_manage_token(pledge)]))
    assert response.status_code == 404


def test_emails_about_an_organisation_pledge_carry_its_withdraw_link(
    client, mailoutbox, django_capture_on_commit_callbacks, national_staff
):
    with django_capture_on_commit_callbacks(execute=True):
        pledge = services.organisation_pledge_sign(
            name="Riverside Café",
            org_type="business",
            website="",
            address="",
            postcode="",
            region="north_west",
            size_band="",
            group=None,
            contact_name="Pat Contact",
            contact_email="pat@example.net",
        )
    with django_capture_on_commit_callbacks(execute=True):
        services.organisation_pledge_decide(pledge=pledge, actor=national_staff, approve=True)
    mails = [mail for mail in mailoutbox if mail.to == ["pat@example.net"]]
    assert len(mails) == 2
    for mail in mails:
        path = _link(mail, "charter/organisations/your-pledge")
        assert "pat" not in path.lower()
        assert "Riverside" in client.get(path).text


def test_an_organisation_withdraws_its_pledge_and_leaves_the_public_list(client):
    group = GroupFactory()
    make_lead(group)
    pledge = PledgeFactory(
        organisation=OrganisationFactory(group=group), status=OrganisationPledge.Status.APPROVED
    )
    assert list(selectors.approved_organisations()) == [pledge.organisation]
    path = reverse("charter:pledge", args=[services.pledge_manage_token(pledge)])
    assert client.post(path, {"do": "withdraw"}).status_code == 200  # asks first
    response = client.post(path, {"do": "withdraw", "confirmed": "yes"})
    assert response.status_code == 302
    assert not OrganisationPledge.objects.filter(pk=pledge.pk).exists()
    assert list(selectors.approved_organisations()) == []
    assert AuditEvent.objects.filter(action="groups.pledge_withdrawn", object_id=str(pledge.pk)).exists()


def test_withdrawing_twice_is_quiet():
    signature = SignatureFactory()
    services.signature_withdraw(signature=signature)
    services.signature_withdraw(signature=signature)
    assert AuditEvent.objects.filter(action="groups.signature_withdrawn").count() == 1
