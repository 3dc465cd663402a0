"""Staff roles change only through the audited services (issue 22): in the admin too."""

from __future__ import annotations

import pytest
from django.urls import reverse

from sanctuary import services
from sanctuary.models import AuditEvent, Role, RoleAssignment, User
from tests.factories import TEST_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser(db):
    return UserFactory(is_staff=True, is_superuser=True)


def _change_form(person: User, roles: list[tuple[int | None, str, bool]]) -> dict:
    """The user admin's change form as a browser would post it: ``roles`` are the inline rows
    (id of an existing assignment or None, role, delete)."""
    data = {
        "email": person.email,
        "display_name": person.display_name,
        "is_active": "on",
        "role_assignments-TOTAL_FORMS": str(len(roles)),
        "role_assignments-INITIAL_FORMS": str(sum(1 for pk, _, _ in roles if pk)),
        "role_assignments-MIN_NUM_FORMS": "0",
        "role_assignments-MAX_NUM_FORMS": "1000",
        "_save": "Save",
    }
    for i, (pk, role, delete) in enumerate(roles):
        data[f"role_assignments-{i}-id"] = str(pk or "")
        data[f"role_assignments-{i}-user"] = str(person.pk)
        data[f"role_assignments-{i}-role"] = role
        if delete:
            data[f"role_assignments-{i}-DELETE"] = "on"
    return data


def _audits(action: str, person: User):
    return AuditEvent.objects.filter(action=action, object_type="sanctuary.user", object_id=str(person.pk))


def test_a_role_added_in_the_admin_is_granted_and_audited_with_the_admin_and_the_role(client_for, superuser):
    person = UserFactory()
    url = reverse("admin:sanctuary_user_change", args=[person.pk])
    response = client_for(superuser).post(url, _change_form(person, [(None, Role.ASSESSOR, False)]))
    assert response.status_code == 302, response.content.decode()[:2000]
    assignment = RoleAssignment.objects.get(user=person)
    assert (assignment.role, assignment.granted_by) == (Role.ASSESSOR, superuser)
    row = _audits("sanctuary.role_granted", person).get()
    assert row.actor == superuser
    assert row.detail == {"role": "assessor"}


def test_a_role_removed_or_changed_in_the_admin_is_revoked_and_audited(client_for, superuser):
    person = UserFactory()
    kept = services.role_grant(user=person, role=Role.GUARDIAN, actor=superuser)
    changed = services.role_grant(user=person, role=Role.ASSESSOR, actor=superuser)
    url = reverse("admin:sanctuary_user_change", args=[person.pk])
    rows = [(kept.pk, Role.GUARDIAN, True), (changed.pk, Role.SAFEGUARDING_COORDINATOR, False)]
    response = client_for(superuser).post(url, _change_form(person, rows))
    assert response.status_code == 302, response.content.decode()[:2000]
    assert set(person.role_assignments.values_list("role", flat=True)) == {Role.SAFEGUARDING_COORDINATOR}
    revoked = sorted(
        row.detail["role"] for row in _audits("sanctuary.role_revoked", person).filter(actor=superuser)
    )
    assert revoked == ["assessor", "guardian"]
    assert (
        _audits("sanctuary.role_granted", person)
        .filter(actor=superuser, detail__role="safeguarding_coordinator")
        .exists()
    )


def test_saving_a_user_in_the_admin_without_touching_roles_writes_no_role_rows(client_for, superuser):
    person = UserFactory()
    held = services.role_grant(user=person, role=Role.GUARDIAN, actor=superuser)
    before = AuditEvent.objects.order_by("-pk").values_list("pk", flat=True).first()
    url = reverse("admin:sanctuary_user_change", args=[person.pk])
    response = client_for(superuser).post(url, _change_form(person, [(held.pk, Role.GUARDIAN, False)]))
    assert response.status_code == 302
    assert not AuditEvent.objects.filter(pk__gt=before, action__startswith="role.").exists()


def test_granting_a_held_role_or_revoking_a_missing_one_changes_nothing_quietly(national_staff):
    person = UserFactory()
    first = services.role_grant(user=person, role=Role.ASSESSOR, actor=national_staff)
    again = services.role_grant(user=person, role=Role.ASSESSOR, actor=None)
    assert again == first and again.granted_by == national_staff
    assert _audits("sanctuary.role_granted", person).count() == 1
    assert services.role_revoke(user=person, role=Role.GUARDIAN, actor=national_staff) is False
    assert not _audits("sanctuary.role_revoked", person).exists()
    assert services.role_revoke(user=person, role=Role.ASSESSOR, actor=national_staff) is True
    assert person.staff_roles == frozenset()


def test_signing_up_creates_the_account_through_the_audited_service(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("account_signup"),
            {
                "email": "Fresh.Person@example.org",
                "display_name": " Fresh Person ",
                "password1": TEST_PASSWORD,
                "password2": TEST_PASSWORD,
            },
        )
    person = User.objects.get(email="fresh.person@example.org")
    assert person.display_name == "Fresh Person"
    assert person.check_password(TEST_PASSWORD)
    assert _audits("sanctuary.account_created", person).get().actor == person
