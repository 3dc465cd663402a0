"""Management commands: demo data and key rotation."""

from __future__ import annotations

import pytest
from allauth.mfa.models import Authenticator
from cryptography.fernet import Fernet
from django.core.management import CommandError, call_command

from sanctuary import crypto
from sanctuary.demo import DEMO_PEOPLE
from sanctuary.models import RoleAssignment, User
from tests.factories import UserFactory, give_totp

pytestmark = pytest.mark.django_db


def _counts():
    return (User.objects.count(), RoleAssignment.objects.count(), Authenticator.objects.count())


def test_seed_demo_is_idempotent_and_gives_every_staff_role_a_second_factor(settings):
    settings.DEBUG = True
    call_command("seed_demo", verbosity=0)
    first = _counts()
    call_command("seed_demo", verbosity=0)
    assert _counts() == first
    assert User.objects.filter(email__in=[p[1] for p in DEMO_PEOPLE]).count() == len(DEMO_PEOPLE)
    for _, email, _, roles in DEMO_PEOPLE:
        if roles:
            assert Authenticator.objects.filter(user__email=email, type="totp").exists()


def test_the_demo_charter_and_campaigns_read_in_welsh_on_welsh_pages(settings, client):
    settings.DEBUG = True
    call_command("seed_demo", verbosity=0)
    welsh = client.get("/cy/charter/").text
    assert "Siarter Dinas Noddfa" in welsh and "Rydym am i&#x27;n tref fod" in welsh
    assert "The City of Sanctuary charter" in client.get("/charter/").text
    assert "Codi llais dros noddfa" in client.get("/cy/campaigns/").text


def test_seed_demo_refuses_to_run_without_debug(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("seed_demo", verbosity=0)
    assert User.objects.count() == 0


def test_key_rotation_lets_the_old_key_be_removed(settings):
    old, new = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    settings.FIELD_ENCRYPTION_KEYS = [old]
    person = UserFactory()
    secret = give_totp(person)
    settings.FIELD_ENCRYPTION_KEYS = [new, old]
    call_command("rotate_encryption_keys", verbosity=0)
    settings.FIELD_ENCRYPTION_KEYS = [new]
    stored = Authenticator.objects.get(user=person).data["secret"]
    assert crypto.decrypt_str(stored) == secret


def test_demo_totp_prints_a_code_the_demo_accounts_accept(settings, capsys):
    from allauth.mfa.totp.internal.auth import validate_totp_code

    from sanctuary.demo import DEMO_TOTP_SECRET

    settings.DEBUG = True
    call_command("demo_totp")
    code = capsys.readouterr().out.strip()
    assert len(code) == 6
    assert validate_totp_code(DEMO_TOTP_SECRET, code)


@pytest.mark.parametrize(
    "command", ["import_local_authorities", "import_postcodes", "import_mps"], ids=lambda c: c
)
def test_every_import_refuses_a_missing_file_or_a_file_of_another_kind_clearly(command, tmp_path):
    """One way for every import: a wrong kind of file is a clear error, not a traceback."""
    from django.core.management import CommandError, call_command

    other = tmp_path / "other.csv"
    other.write_text("colour,size\nred,3\n", encoding="utf-8")
    with pytest.raises(CommandError, match="Could not read"):
        call_command(command, str(other))
    with pytest.raises(CommandError, match="No such file"):
        call_command(command, str(tmp_path / "missing.csv"))
