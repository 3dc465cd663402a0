"""Accounts: MFA is enforced for staff roles, logins are rate limited, secrets are encrypted."""

from __future__ import annotations

import pytest
from allauth.mfa.models import Authenticator
from django.db import connection
from django.urls import reverse

from sanctuary.models import Role
from tests.factories import TEST_PASSWORD, UserFactory, give_totp, make_staff

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("role", [r.value for r in Role])
def test_staff_without_second_factor_is_sent_to_set_one_up(client_for, role):
    person = make_staff(role, with_mfa=False)
    response = client_for(person).get(reverse("dashboard"))
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")


def test_staff_with_second_factor_reaches_the_dashboard(client_for, national_staff):
    assert client_for(national_staff).get(reverse("dashboard")).status_code == 200


def test_supporter_without_second_factor_is_not_forced_to_set_one_up(client_for, user):
    assert client_for(user).get(reverse("dashboard")).status_code == 200


def test_staff_without_second_factor_signs_in_and_reaches_the_setup_page(client):
    person = make_staff(Role.GUARDIAN, with_mfa=False)
    response = client.post(reverse("account_login"), {"login": person.email, "password": TEST_PASSWORD})
    assert response.status_code == 302
    assert client.get(reverse("dashboard"))["Location"] == reverse("mfa_activate_totp")
    # allauth asks for the password again before a second factor can be added.
    assert client.get(reverse("mfa_activate_totp"))["Location"].startswith(reverse("account_reauthenticate"))
    client.post(reverse("account_reauthenticate"), {"password": TEST_PASSWORD})
    page = client.get(reverse("mfa_activate_totp"))
    assert page.status_code == 200
    assert b"Authenticator" in page.content


def test_login_with_password_then_totp_code(client):
    from allauth.mfa.totp.internal.auth import hotp_value, yield_hotp_counters_from_time

    person = make_staff(Role.ASSESSOR, with_mfa=False)
    secret = give_totp(person)
    response = client.post(reverse("account_login"), {"login": person.email, "password": TEST_PASSWORD})
    assert response["Location"] == reverse("mfa_authenticate")
    counter = next(yield_hotp_counters_from_time())
    code = f"{hotp_value(secret, counter):06d}"
    response = client.post(reverse("mfa_authenticate"), {"code": code})
    assert response.status_code == 302
    assert client.get(reverse("dashboard")).status_code == 200
    # The code entered at sign-in is recorded in the session: later pages need not look up
    # the authenticator again.
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        assert client.get(reverse("groups:directory")).status_code == 200
    assert not [q for q in ctx.captured_queries if "mfa_authenticator" in q["sql"]]


def test_totp_secret_is_encrypted_in_the_database(db):
    person = UserFactory()
    secret = give_totp(person)
    authenticator = Authenticator.objects.get(user=person, type=Authenticator.Type.TOTP)
    with connection.cursor() as cursor:
        cursor.execute("SELECT data FROM mfa_authenticator WHERE id = %s", [authenticator.pk])
        raw = str(cursor.fetchone()[0])
    assert secret not in raw
    assert "fernet:" in raw


def test_repeated_login_attempts_from_one_address_are_answered_429(client):
    person = UserFactory()
    statuses = [
        client.post(reverse("account_login"), {"login": person.email, "password": "wrong"}).status_code
        for _ in range(32)
    ]
    assert statuses[0] == 200
    assert statuses[-1] == 429


def test_repeated_failed_logins_from_one_address_are_refused_there_even_with_the_right_password(client):
    """Per account and address (tests/sanctuary/test_account_security.py: the owner elsewhere
    is not locked out)."""
    person = UserFactory()
    for _ in range(11):
        client.post(reverse("account_login"), {"login": person.email, "password": "wrong"})
    response = client.post(reverse("account_login"), {"login": person.email, "password": TEST_PASSWORD})
    assert response.status_code in (200, 429)
    assert not response.wsgi_request.user.is_authenticated


def test_admin_login_goes_through_allauth(client):
    response = client.get("/admin/login/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_signup_records_the_display_name_and_requires_email_verification(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):  # the email leaves the outbox
        response = client.post(
            reverse("account_signup"),
            {
                "email": "new.person@example.org",
                "display_name": "New Person",
                "password1": TEST_PASSWORD,
                "password2": TEST_PASSWORD,
            },
        )
    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    from sanctuary.models import User

    assert User.objects.get(email="new.person@example.org").display_name == "New Person"
    assert len(mailoutbox) == 1
    # Not verified yet: the dashboard is not reachable.
    assert client.get(reverse("dashboard")).status_code == 302


def test_staff_session_ends_after_idle_timeout(client_for, national_staff, settings):
    import time_machine

    client = client_for(national_staff)
    with time_machine.travel("2026-11-01 09:00 +0000", tick=False) as traveller:
        assert client.get(reverse("dashboard")).status_code == 200
        traveller.shift(settings.STAFF_SESSION_IDLE_TIMEOUT - 60)
        assert client.get(reverse("dashboard")).status_code == 200
        traveller.shift(settings.STAFF_SESSION_IDLE_TIMEOUT + 60)
        response = client.get(reverse("dashboard"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_staff_session_ends_after_its_absolute_lifetime_even_when_busy(client_for, guardian, settings):
    import time_machine

    client = client_for(guardian)
    step = settings.STAFF_SESSION_IDLE_TIMEOUT // 2
    with time_machine.travel("2026-11-01 09:00 +0000", tick=False) as traveller:
        statuses = []
        for _ in range(settings.STAFF_SESSION_MAX_AGE // step + 2):
            statuses.append(client.get(reverse("dashboard")).status_code)
            traveller.shift(step)
    assert statuses[0] == 200
    assert statuses[-1] == 302


def test_header_shows_the_signed_in_persons_roles(client_for, coordinator):
    page = client_for(coordinator).get(reverse("dashboard")).content.decode()
    assert coordinator.display_name in page
    assert "Safeguarding coordinator" in page


def test_dashboard_tells_a_supporter_that_two_factor_is_optional(client_for, user):
    page = client_for(user).get(reverse("dashboard")).content.decode()
    assert "Two-factor authentication is off" in page


def test_dashboard_confirms_two_factor_for_staff(client_for, assessor):
    page = client_for(assessor).get(reverse("dashboard")).content.decode()
    assert "Two-factor authentication is on." in page


def test_password_reset_by_emailed_link(client, mailoutbox, django_capture_on_commit_callbacks):
    import re

    person = UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("account_reset_password"), {"email": person.email})
    assert len(mailoutbox) == 1
    link = re.search(r"https?://\S+/accounts/password/reset/key/\S+", mailoutbox[0].body)[0]
    response = client.get(re.sub(r"^https?://[^/]+", "", link), follow=True)
    new_password = "a brand new passphrase 77"
    client.post(
        response.redirect_chain[-1][0] if response.redirect_chain else link,
        {"password1": new_password, "password2": new_password},
    )
    person.refresh_from_db()
    assert person.check_password(new_password)


def test_email_change_needs_the_new_address_verified(
    client_for, mailoutbox, django_capture_on_commit_callbacks
):
    from allauth.account.models import EmailAddress

    person = UserFactory()
    client = client_for(person)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("account_email"), {"action_add": "", "email": "moved@example.org"})
    added = EmailAddress.objects.get(user=person, email="moved@example.org")
    assert not added.verified
    assert any("moved@example.org" in m.to for m in mailoutbox)


def test_a_busy_staff_session_is_written_at_most_once_a_minute(client_for, national_staff):
    import time_machine
    from django.test.utils import CaptureQueriesContext

    client = client_for(national_staff)

    def session_writes() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("dashboard")).status_code == 200
        return sum('UPDATE "django_session"' in q["sql"] for q in ctx.captured_queries)

    with time_machine.travel("2026-11-01 09:00 +0000", tick=False) as traveller:
        assert session_writes() == 1  # the session's start is recorded
        traveller.shift(30)
        assert session_writes() == 0
        traveller.shift(31)
        assert session_writes() == 1  # a minute on: activity recorded again


def test_header_shows_every_relationship_role_from_one_query(client_for):
    from django.test.utils import CaptureQueriesContext

    from la_network.models import CouncilContact
    from sanctuary.permissions import relationship_roles
    from tests.factories import OrganisationContactFactory, make_lead
    from tests.la_network.factories import CouncilContactFactory

    person = make_lead()
    OrganisationContactFactory(user=person)
    CouncilContactFactory(user=person)
    page = client_for(person).get(reverse("dashboard")).content.decode()
    for label in ("Group lead", "Award applicant", "Council applicant"):
        assert label in page
    assert "Assessor panels" not in page

    person.__dict__.pop("_relationship_roles", None)
    with CaptureQueriesContext(connection) as ctx:
        labels = [str(label) for label, _ in relationship_roles(person)]
        relationship_roles(person)  # asked again in the same request: no new query
    assert len(ctx.captured_queries) == 1
    assert sorted(labels) == ["Award applicant", "Council applicant", "Group lead"]
    CouncilContact.objects.filter(user=person).delete()
    person.__dict__.pop("_relationship_roles", None)
    assert "Council applicant" not in [str(label) for label, _ in relationship_roles(person)]


def test_header_roles_are_asked_once_a_minute_per_session(client_for):
    import time_machine
    from django.test.utils import CaptureQueriesContext

    from tests.factories import OrganisationContactFactory, make_lead

    person = make_lead()
    client = client_for(person)

    def page() -> tuple[str, int]:
        with CaptureQueriesContext(connection) as ctx:
            body = client.get(reverse("groups:directory")).content.decode()
        asked = [q["sql"] for q in ctx.captured_queries]
        return body, len([sql for sql in asked if "EXISTS" in sql and "groups_groupmembership" in sql])

    with time_machine.travel("2026-11-01 09:00 +0000", tick=False) as traveller:
        body, asked = page()
        assert "Group lead" in body and asked == 1
        OrganisationContactFactory(user=person)
        traveller.shift(30)
        body, asked = page()
        assert "Award applicant" not in body and asked == 0
        traveller.shift(31)
        body, asked = page()
        assert "Award applicant" in body and asked == 1


def test_a_signed_in_request_reads_the_person_and_their_roles_in_one_query(client_for, national_staff):
    from django.test.utils import CaptureQueriesContext

    from sanctuary.models import RoleAssignment

    client = client_for(national_staff)
    client.get(reverse("groups:directory"))
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(reverse("groups:directory")).status_code == 200
    reads = [q["sql"] for q in ctx.captured_queries if "sanctuary_roleassignment" in q["sql"]]
    assert len(reads) == 1 and '"sanctuary_user"' in reads[0]
    # Roles are read afresh on every request: one taken away counts from the next page on.
    RoleAssignment.objects.filter(user=national_staff).delete()
    assert client.get(reverse("campaigns:dashboard")).status_code == 404


def test_a_person_with_several_roles_holds_each(client_for):
    person = make_staff(Role.NATIONAL_STAFF)
    person.role_assignments.create(role=Role.SAFEGUARDING_COORDINATOR)
    client = client_for(person)
    assert client.get(reverse("campaigns:dashboard")).status_code == 200
    assert client.get(reverse("returnees:index")).status_code == 200


def test_the_person_loaded_for_a_session_is_the_same_as_the_orms(national_staff):
    from sanctuary.auth import user_with_roles

    national_staff.role_assignments.create(role=Role.SAFEGUARDING_COORDINATOR)
    loaded = user_with_roles(national_staff.pk)
    fresh = type(national_staff).objects.get(pk=national_staff.pk)
    fields = [f.attname for f in fresh._meta.concrete_fields]
    assert [getattr(loaded, f) for f in fields] == [getattr(fresh, f) for f in fields]
    assert loaded.staff_roles == {Role.NATIONAL_STAFF, Role.SAFEGUARDING_COORDINATOR}
    assert not loaded._state.adding
    assert user_with_roles(national_staff.pk + 1000) is None
