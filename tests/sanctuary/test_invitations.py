"""Staff onboarding (issue 16): national staff invite people to staff roles by email; the invited
person sets their own password and second factor; the role is granted, audited, on acceptance."""

from __future__ import annotations

import base64
import datetime as dt
import re

import pytest
import time_machine
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value, yield_hotp_counters_from_time
from django.core import signing
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from awards.models import AssessorProfile
from sanctuary import services
from sanctuary.models import AuditEvent, Role, RoleAssignment, StaffInvitation, User
from tests.factories import TEST_PASSWORD, UserFactory, give_totp, has_totp, make_staff

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "a long walk by the river 2026"


@pytest.fixture
def invite(client_for, national_staff, mailoutbox, django_capture_on_commit_callbacks):
    """Invite through the staff page; returns (invitation, path of the emailed link)."""

    def make(email: str = "amani.new@example.org", role: str = Role.ASSESSOR, **extra):
        data = {"email": email, "role": role, **extra}
        with django_capture_on_commit_callbacks(execute=True):
            response = client_for(national_staff).post(reverse("staff_invitations"), data)
        assert response.status_code == 302, response.content.decode()[:3000]
        invitation = StaffInvitation.objects.get(email=email.lower(), role=role)
        return invitation, _link(mailoutbox[-1].body)

    return make


def _link(body: str) -> str:
    url = re.search(r"https?://\S+/welcome/\S+/", body)[0]
    return re.sub(r"^https?://[^/]+", "", url)


def _actions(invitation: StaffInvitation) -> list[str]:
    return list(
        AuditEvent.objects.filter(object_type="sanctuary.staffinvitation", object_id=str(invitation.pk))
        .order_by("pk")
        .values_list("action", flat=True)
    )


def _totp_code(secret: str) -> str:
    return format_hotp_value(hotp_value(secret, next(yield_hotp_counters_from_time())))


def test_invited_person_sets_a_password_is_asked_for_mfa_and_then_holds_the_role(
    invite, national_staff, mailoutbox
):
    invitation, link = invite(role=Role.ASSESSOR, lived_experience="on")
    email = mailoutbox[-1]
    assert email.to == ["amani.new@example.org"]
    assert "Assessor" in email.subject
    assert _actions(invitation) == ["sanctuary.invitation_sent"]
    assert not User.objects.filter(email="amani.new@example.org").exists()

    invitee = Client()
    page = invitee.get(link)
    assert page.status_code == 200
    assert "Step 1 of 3" in page.content.decode()
    response = invitee.post(
        link, {"display_name": "Amani New", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD}
    )
    assert response["Location"] == reverse("mfa_activate_totp")

    person = User.objects.get(email="amani.new@example.org")
    assert person.check_password(NEW_PASSWORD) and person.display_name == "Amani New"
    assignment = RoleAssignment.objects.get(user=person)
    assert (assignment.role, assignment.granted_by) == (Role.ASSESSOR, national_staff)
    grant = AuditEvent.objects.get(action="sanctuary.role_granted", object_id=str(person.pk))
    assert grant.actor == national_staff and grant.detail == {"role": "assessor"}
    assert _actions(invitation) == ["sanctuary.invitation_sent", "sanctuary.invitation_accepted"]
    assert AssessorProfile.objects.get(user=person).lived_experience is True

    # Step 2 is allauth's set-up page, without asking again for the password just chosen;
    # nothing else opens until it is done.
    assert invitee.get(reverse("dashboard"))["Location"] == reverse("mfa_activate_totp")
    setup = invitee.get(reverse("mfa_activate_totp"))
    assert setup.status_code == 200
    assert "Step 2 of 3" in setup.content.decode()
    secret = setup.context["form"].secret
    response = invitee.post(reverse("mfa_activate_totp"), {"code": _totp_code(secret)})
    assert response["Location"] == reverse("staff_onboarding_ready")
    assert has_totp(person)

    ready = invitee.get(reverse("staff_onboarding_ready")).content.decode()
    assert "Step 3 of 3" in ready
    assert reverse("awards:review_list") in ready
    assert invitee.get(reverse("awards:review_list")).status_code == 200


def test_the_link_names_no_email_address_or_name(invite, national_staff):
    invitation, link = invite(email="nadia.private@example.org", role=Role.GUARDIAN)
    token = link.rstrip("/").rsplit("/", 1)[1]
    padded = token.split(":")[0] + "=" * (-len(token.split(":")[0]) % 4)
    decoded = base64.urlsafe_b64decode(padded).decode(errors="replace")
    for secret in ("nadia", "private", "example.org", national_staff.display_name.split()[0]):
        assert secret.lower() not in link.lower()
        assert secret.lower() not in decoded.lower()
    assert signing.loads(token, salt=services.INVITATION_SALT) == {"i": invitation.pk}


@pytest.mark.parametrize("who", ["supporter", "assessor", "coordinator", "guardian"])
def test_staff_pages_answer_404_to_everybody_but_national_staff(client_for, who, national_staff):
    person = (
        UserFactory()
        if who == "supporter"
        else make_staff(
            {
                "assessor": Role.ASSESSOR,
                "coordinator": Role.SAFEGUARDING_COORDINATOR,
                "guardian": Role.GUARDIAN,
            }[who]
        )
    )
    invitation = services.staff_invitation_create(
        actor=national_staff, email="x@example.org", role=Role.GUARDIAN
    )
    client = client_for(person)
    assert client.get(reverse("staff_invitations")).status_code == 404
    assert (
        client.post(reverse("staff_invitations"), {"email": "y@example.org", "role": "guardian"}).status_code
        == 404
    )
    for name in ("staff_invitation_resend", "staff_invitation_revoke"):
        assert client.post(reverse(name, args=[invitation.pk]), {"confirmed": "yes"}).status_code == 404
    invitation.refresh_from_db()
    assert invitation.is_pending and invitation.send_count == 1
    assert StaffInvitation.objects.count() == 1


def test_an_expired_link_is_refused_with_an_explanation_and_the_attempt_is_audited(invite, settings):
    invitation, link = invite(role=Role.GUARDIAN)
    with time_machine.travel(timezone.now() + dt.timedelta(days=settings.STAFF_INVITATION_DAYS, minutes=1)):
        response = Client().get(link)
    assert response.status_code == 410
    assert "This invitation has expired" in response.content.decode()
    assert "sanctuary.invitation_link_refused" in _actions(invitation)
    assert not User.objects.filter(email=invitation.email).exists()


def test_a_used_link_is_refused_the_second_time(invite):
    invitation, link = invite(role=Role.GUARDIAN)
    data = {"display_name": "Gwen", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD}
    assert Client().post(link, data).status_code == 302
    again = Client().post(link, {**data, "display_name": "Someone else"})
    assert again.status_code == 410
    assert "already been used" in again.content.decode()
    assert User.objects.filter(email=invitation.email).count() == 1
    assert "sanctuary.invitation_link_refused" in _actions(invitation)


def test_a_revoked_link_is_refused_after_staff_confirm_the_revocation(invite, client_for, national_staff):
    invitation, link = invite(role=Role.SAFEGUARDING_COORDINATOR)
    staff = client_for(national_staff)
    url = reverse("staff_invitation_revoke", args=[invitation.pk])
    asked = staff.post(url)
    assert asked.status_code == 200 and "Yes, revoke the invitation" in asked.content.decode()
    invitation.refresh_from_db()
    assert invitation.is_pending
    assert staff.post(url, {"confirmed": "yes"})["Location"] == reverse("staff_invitations")
    invitation.refresh_from_db()
    assert invitation.status == StaffInvitation.Status.REVOKED

    response = Client().get(link)
    assert response.status_code == 410
    assert "This invitation has been withdrawn" in response.content.decode()
    assert _actions(invitation) == [
        "sanctuary.invitation_sent",
        "sanctuary.invitation_revoked",
        "sanctuary.invitation_link_refused",
    ]


def test_a_broken_link_gets_a_page_that_says_so(client):
    response = client.get(reverse("staff_invitation_accept", args=["not-a-real-token"]))
    assert response.status_code == 400
    assert "not valid" in response.content.decode()


def test_resending_renews_the_link_and_sends_another_email(
    invite, client_for, national_staff, mailoutbox, settings, django_capture_on_commit_callbacks
):
    invitation, _link_path = invite(role=Role.GUARDIAN)
    later = timezone.now() + dt.timedelta(days=settings.STAFF_INVITATION_DAYS + 3)
    with time_machine.travel(later), django_capture_on_commit_callbacks(execute=True):
        response = client_for(national_staff).post(reverse("staff_invitation_resend", args=[invitation.pk]))
        assert response["Location"] == reverse("staff_invitations")
        invitation.refresh_from_db()
        assert invitation.is_pending and invitation.send_count == 2
        assert Client().get(_link(mailoutbox[-1].body)).status_code == 200
    assert len(mailoutbox) == 2
    assert _actions(invitation) == ["sanctuary.invitation_sent", "sanctuary.invitation_reissued"]


def test_an_existing_account_accepts_by_signing_in(invite, national_staff):
    person = UserFactory(email="already.here@example.org")
    invitation, link = invite(email="Already.Here@example.org", role=Role.GUARDIAN)
    visitor = Client()
    page = visitor.get(link).content.decode()
    assert "Sign in and continue" in page and "Choose a password" not in page
    response = visitor.post(
        f"{reverse('account_login')}?next={link}", {"login": person.email, "password": TEST_PASSWORD}
    )
    assert response["Location"] == link
    assert "Step 1 of 3" in visitor.get(link).content.decode()
    assert visitor.post(link)["Location"] == reverse("mfa_activate_totp")
    assert person.role_assignments.get().granted_by == national_staff
    assert "sanctuary.invitation_accepted" in _actions(invitation)


def test_an_existing_account_with_a_second_factor_goes_straight_to_the_last_step(invite, client_for):
    person = UserFactory(email="has.mfa@example.org")
    give_totp(person)
    _invitation, link = invite(email=person.email, role=Role.NATIONAL_STAFF)
    client = client_for(person)
    assert client.post(link)["Location"] == reverse("staff_onboarding_ready")
    assert reverse("staff_invitations") in client.get(reverse("staff_onboarding_ready")).content.decode()


def test_someone_signed_in_with_another_address_cannot_accept(invite, client_for):
    invitation, link = invite(role=Role.GUARDIAN)
    stranger = client_for(UserFactory())
    assert "sent to another email address" in stranger.get(link).content.decode()
    response = stranger.post(link)
    assert response.status_code == 200
    assert not RoleAssignment.objects.filter(role=Role.GUARDIAN).exists()
    invitation.refresh_from_db()
    assert invitation.is_pending


def test_bad_input_is_shown_beside_its_field_and_what_was_typed_is_kept(client_for, national_staff):
    client = client_for(national_staff)
    page = client.get(reverse("staff_invitations")).content.decode()
    assert "checked" not in page  # no role is chosen for the inviter
    response = client.post(reverse("staff_invitations"), {"email": "not an email"})
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors["email"] and form.errors["role"] == ["Choose the role this person will have."]
    body = response.content.decode()
    assert 'value="not an email"' in body
    # Once in the summary at the top, once beside the field.
    assert body.count("Choose the role this person will have.") == 2
    assert body.count("Enter a valid email address.") == 2
    response = client.post(
        reverse("staff_invitations"), {"email": "g@example.org", "role": "guardian", "lived_experience": "on"}
    )
    assert "Only assessors sit on award panels" in response.content.decode()
    assert not StaffInvitation.objects.exists()


def test_a_second_invitation_for_a_waiting_one_or_a_held_role_is_refused(client_for, national_staff, invite):
    invite(email="twice@example.org", role=Role.GUARDIAN)
    client = client_for(national_staff)
    response = client.post(reverse("staff_invitations"), {"email": "twice@example.org", "role": "guardian"})
    assert "already waiting" in response.content.decode()
    held = make_staff(Role.ASSESSOR)
    response = client.post(reverse("staff_invitations"), {"email": held.email, "role": "assessor"})
    assert "already" in response.content.decode()
    assert StaffInvitation.objects.count() == 1


def test_the_set_password_step_keeps_the_name_and_explains_a_weak_password(invite):
    _invitation, link = invite(role=Role.GUARDIAN)
    response = Client().post(link, {"display_name": "Gwen Typed", "password1": "short", "password2": "short"})
    assert response.status_code == 200
    assert response.context["form"].errors["password1"]
    assert 'value="Gwen Typed"' in response.content.decode()
    assert not User.objects.filter(display_name="Gwen Typed").exists()


def test_the_invitation_list_shows_each_status(invite, client_for, national_staff, settings):
    invite(email="wait@example.org", role=Role.GUARDIAN)
    revoked, _ = invite(email="gone@example.org", role=Role.GUARDIAN)
    services.staff_invitation_revoke(invitation=revoked, actor=national_staff)
    old, _ = invite(email="old@example.org", role=Role.GUARDIAN)
    StaffInvitation.objects.filter(pk=old.pk).update(expires_at=timezone.now() - dt.timedelta(days=1))
    client = client_for(national_staff)
    for status, email in (("pending", "wait@"), ("revoked", "gone@"), ("expired", "old@")):
        page = client.get(reverse("staff_invitations"), {"status": status}).content.decode()
        assert email in page
        assert page.count("@example.org</td>") == 1


def test_no_model_change_lacks_a_migration():
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)
