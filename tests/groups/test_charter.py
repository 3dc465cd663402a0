from __future__ import annotations

import datetime as dt
import re

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from groups import selectors, services
from groups.models import CharterSignature
from groups.tasks import purge_unconfirmed_signatures
from sanctuary.models import AccessLog, AuditEvent
from tests.factories import GroupFactory, make_lead
from tests.groups.factories import CharterVersionFactory, SignatureFactory, reauthenticate
from tests.helpers import response_text

pytestmark = pytest.mark.django_db

VALID = {
    "name": "Rami Haddad",
    "email": "Rami@Example.net",
    "place": "sw1a1aa",
    "region": "london",
    "agree": "on",
}


def _sign(client, capture, **overrides):
    data = {**VALID, **overrides}
    with capture(execute=True):
        return client.post(reverse("charter:sign"), data)


def _confirm_link(mail) -> str:
    return re.search(r"/charter/confirm/([^/\s]+)/", mail.body).group(1)


def test_anyone_can_read_the_current_charter_version(client):
    CharterVersionFactory(number=1, title="Old words")
    CharterVersionFactory(number=2, title="New words")
    response = client.get(reverse("charter:sign"))
    assert response.status_code == 200
    assert "New words" in response.text and "Old words" not in response.text


def test_signature_counts_only_after_email_confirmation(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    response = _sign(client, django_capture_on_commit_callbacks)
    assert response.status_code == 302
    signature = CharterSignature.objects.get()
    assert signature.email == "rami@example.net"
    assert signature.place == "SW1A 1AA"
    assert signature.nation == "england"
    assert not signature.is_confirmed
    assert selectors.public_counts()["signatures"] == 0

    token = _confirm_link(mailoutbox[0])
    # Opening the link alone (a mail scanner) confirms nothing.
    assert client.get(reverse("charter:confirm", args=[token])).status_code == 200
    signature.refresh_from_db()
    assert not signature.is_confirmed

    client.post(reverse("charter:confirm", args=[token]))
    signature.refresh_from_db()
    assert signature.is_confirmed
    counts = selectors.public_counts()
    assert counts["signatures"] == 1
    assert counts["by_region"] == {"london": 1}
    assert counts["by_nation"] == {"england": 1}


def test_town_name_is_accepted_instead_of_postcode(client, django_capture_on_commit_callbacks):
    _sign(client, django_capture_on_commit_callbacks, place="  Hebden   Bridge ")
    assert CharterSignature.objects.get().place == "Hebden Bridge"


@pytest.mark.parametrize(
    "field,value,message",
    [
        ("email", "not-an-email", "Enter a valid email address."),
        ("agree", "", "Tick this box to sign the charter."),
        ("place", "12345", "does not look like a UK postcode"),
        ("place", "ZZ9 9ZZZ", "does not look like a UK postcode"),
    ],
)
def test_bad_input_is_explained_and_nothing_is_saved(client, mailoutbox, field, value, message):
    data = {**VALID, field: value}
    if not value:
        data.pop(field)
    response = client.post(reverse("charter:sign"), data)
    assert response.status_code == 200
    assert message in response.text
    assert 'value="Rami Haddad"' in response.text  # what was typed is kept
    assert CharterSignature.objects.count() == 0
    assert mailoutbox == []


def test_contact_consent_needs_a_group(client):
    response = client.post(reverse("charter:sign"), {**VALID, "consent_group_contact": "on"})
    assert "Choose the local group" in response.text
    assert CharterSignature.objects.count() == 0


def test_signing_twice_with_one_email_keeps_one_signature(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    _sign(client, django_capture_on_commit_callbacks)
    _sign(client, django_capture_on_commit_callbacks, email="rami@example.net", name="Rami H.")
    assert CharterSignature.objects.count() == 1
    assert CharterSignature.objects.get().name == "Rami H."
    client.post(reverse("charter:confirm", args=[_confirm_link(mailoutbox[-1])]))

    response = _sign(client, django_capture_on_commit_callbacks, name="Someone else")
    assert response.status_code == 302  # same answer as a first signature: reveals nothing
    assert CharterSignature.objects.count() == 1
    assert CharterSignature.objects.get().name == "Rami H."
    assert "already signed" in mailoutbox[-1].subject


def test_expired_confirmation_link_is_refused(
    client, mailoutbox, django_capture_on_commit_callbacks, settings
):
    _sign(client, django_capture_on_commit_callbacks)
    token = _confirm_link(mailoutbox[0])
    with time_machine.travel(timezone.now() + dt.timedelta(hours=settings.CHARTER_CONFIRMATION_HOURS + 1)):
        response = client.post(reverse("charter:confirm", args=[token]))
    assert response.status_code == 400
    assert "expired" in response.text
    assert not CharterSignature.objects.get().is_confirmed


def test_reused_or_forged_confirmation_link_is_refused(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    _sign(client, django_capture_on_commit_callbacks)
    token = _confirm_link(mailoutbox[0])
    client.post(reverse("charter:confirm", args=[token]))
    first = CharterSignature.objects.get().confirmed_at
    again = client.post(reverse("charter:confirm", args=[token]))
    assert again.status_code == 400
    assert "already been used" in again.text
    assert CharterSignature.objects.get().confirmed_at == first
    forged = client.post(reverse("charter:confirm", args=[token[:-2] + "xx"]))
    assert forged.status_code == 400


def test_purge_removes_old_unconfirmed_signatures_only(settings):
    old = timezone.now() - dt.timedelta(days=settings.CHARTER_UNCONFIRMED_PURGE_DAYS + 1)
    stale = SignatureFactory(confirmed_at=None, created_at=old)
    fresh = SignatureFactory(confirmed_at=None)
    confirmed = SignatureFactory(created_at=old)
    result = purge_unconfirmed_signatures()
    assert result == {"deleted": 1, "contact_messages_deleted": 0}
    remaining = set(CharterSignature.objects.values_list("pk", flat=True))
    assert remaining == {fresh.pk, confirmed.pk}
    assert stale.pk not in remaining


def test_public_counts_are_cached_and_refreshed_as_soon_as_a_signature_is_confirmed():
    group = GroupFactory()
    SignatureFactory(group=group)
    assert selectors.group_counts(group)["signatures"] == selectors.public_counts()["signatures"] == 1
    SignatureFactory(group=group)  # added behind the services' back: the cache may lag
    assert selectors.group_counts(group)["signatures"] == selectors.public_counts()["signatures"] == 1
    signature = services.signature_create(
        name="A",
        email="a@example.net",
        place="Testville",
        group=group,
        consent_group_contact=True,
        consent_public_name=False,
    )
    services.signature_confirm(token=services.confirmation_token(signature))
    assert selectors.public_counts()["signatures"] == 3
    assert selectors.group_counts(group)["signatures"] == 3


# --- Exports ---------------------------------------------------------------------------------


def test_lead_exports_own_groups_consenting_signatories_after_reauthentication(client_for):
    group = GroupFactory()
    lead = make_lead(group)
    SignatureFactory(group=group, name="Consenting Person", email="yes@example.net")
    SignatureFactory(group=group, name="Private Person", consent_group_contact=False)
    SignatureFactory(group=group, name="Unconfirmed Person", confirmed_at=None)
    SignatureFactory(group=GroupFactory(), name="Other Group Person")
    SignatureFactory(group=group, name="=HYPERLINK(1)")
    client = client_for(lead)
    url = reverse("groups:export", args=[group.slug])

    response = client.get(url)
    assert response.status_code == 302
    assert "reauthenticate" in response["Location"]

    reauthenticate(client, lead)
    response = client.get(url)
    assert response.status_code == 200
    body = response_text(response)
    assert "Consenting Person" in body and "yes@example.net" in body
    assert "Private Person" not in body and "Unconfirmed" not in body and "Other Group" not in body
    assert "'=HYPERLINK(1)" in body
    event = AuditEvent.objects.get(action="groups.signatures_exported")
    assert event.actor == lead and event.detail == {"rows": 2, "scope": "group"}
    assert AccessLog.objects.filter(user=lead, kind="export").exists()


def test_lead_cannot_export_another_groups_signatories(client_for):
    mine, theirs = GroupFactory(), GroupFactory()
    lead = make_lead(mine)
    SignatureFactory(group=theirs)
    client = client_for(lead)
    reauthenticate(client, lead)
    assert client.get(reverse("groups:export", args=[theirs.slug])).status_code == 404
    assert not AuditEvent.objects.filter(action="groups.signatures_exported").exists()


def test_national_staff_export_all_consenting_signatories(client_for, national_staff):
    SignatureFactory(group=GroupFactory(), name="In A Group")
    SignatureFactory(name="No Group")
    client = client_for(national_staff)
    reauthenticate(client, national_staff)
    response = client.get(reverse("charter:export"))
    body = response_text(response)
    assert response.status_code == 200
    assert "In A Group" in body and "No Group" in body
    assert AuditEvent.objects.filter(action="groups.signatures_exported", detail__scope="all").count() == 1


def test_lead_cannot_use_the_national_export(client_for):
    lead = make_lead()
    client = client_for(lead)
    reauthenticate(client, lead)
    assert client.get(reverse("charter:export")).status_code == 404


def test_national_staff_publish_a_new_charter_version(client, client_for, national_staff):
    CharterVersionFactory(number=1, title="First words", text="Old text")
    staff = client_for(national_staff)
    assert 'value="First words"' in staff.get(reverse("charter:edit")).text
    response = staff.post(reverse("charter:edit"), {"title": "Second words", "text": "New text"})
    assert response.status_code == 302
    assert selectors.charter_current().number == 2
    assert "New text" in client.get(reverse("charter:sign")).text
    assert AuditEvent.objects.filter(action="groups.charter_published").count() == 1


def test_people_without_the_staff_role_cannot_edit_the_charter(client_for):
    assert client_for(make_lead()).get(reverse("charter:edit")).status_code == 404


def test_only_names_with_consent_are_shown_publicly(client):
    group = GroupFactory()
    SignatureFactory(group=group, name="Visible Volunteer", consent_public_name=True)
    SignatureFactory(group=group, name="Hidden Helper", consent_public_name=False)
    SignatureFactory(group=group, name="Pending Person", consent_public_name=True, confirmed_at=None)
    for url in (reverse("charter:sign"), reverse("groups:detail", args=[group.slug])):
        body = client.get(url).text
        assert "Visible Volunteer" in body
        assert "Hidden Helper" not in body and "Pending Person" not in body


def test_sign_link_from_a_group_page_preselects_that_group(client):
    group = GroupFactory()
    body = client.get(reverse("charter:sign"), {"group": group.slug}).text
    assert f'<option value="{group.pk}" selected>' in body
