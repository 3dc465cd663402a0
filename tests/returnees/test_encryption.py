"""Personal fields and documents are only ever ciphertext at rest; keys can be rotated."""

from __future__ import annotations

import pytest
from cryptography.fernet import Fernet
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection

from returnees import services
from returnees.models import Case, CaseDocument, CheckIn
from sanctuary import crypto
from sanctuary.uploads import clean_upload
from tests.factories import make_staff
from tests.returnees.factories import SECRET_NAME, SECRET_PHONE, SECRET_PLACE, CaseFactory, monitored_case

pytestmark = pytest.mark.django_db

PDF_BYTES = b"%PDF-1.4\n% Zanele passport scan\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _raw_row(table: str, pk) -> str:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {table} WHERE id = %s", [pk])  # noqa: S608 - table name is ours
        return " ".join(str(v) for v in cursor.fetchone())


def test_raw_sql_shows_only_ciphertext_for_personal_fields():
    case = CaseFactory()
    raw = _raw_row(Case._meta.db_table, case.pk)
    for secret in (SECRET_NAME, SECRET_PHONE, SECRET_PLACE, "Econet", "Scar on left hand", "militia"):
        assert secret not in raw
    assert "fernet:" in raw
    # The plain columns that pages filter on are still readable.
    assert "ZW" in raw and "high" in raw


def test_check_in_notes_are_encrypted_at_rest():
    case = monitored_case()
    checkin = services.checkin_record(
        actor=None,
        case=case,
        occurred_at=case.monitoring_started_at,
        channel="phone",
        reached=True,
        wellbeing="safe",
        notes="Staying with cousin Thandi",
        needs="Money for rent",
    )
    raw = _raw_row(CheckIn._meta.db_table, checkin.pk)
    assert "Thandi" not in raw and "rent" not in raw


def _document(case):
    upload = clean_upload(SimpleUploadedFile("passport-zanele.pdf", PDF_BYTES))
    return services.document_add(
        actor=None, case=case, upload=upload, kind="identity", description="Passport"
    )


def test_documents_are_stored_encrypted_and_decrypt_for_download():
    case = CaseFactory()
    document = _document(case)
    with document.encrypted_file.open("rb") as handle:
        stored = handle.read()
    assert b"Zanele" not in stored and b"%PDF" not in stored
    assert "zanele" not in document.encrypted_file.name.lower()
    assert services.document_read(document=document) == PDF_BYTES


def test_key_rotation_re_encrypts_fields_and_documents_so_the_old_key_can_go(settings):
    old_key = settings.FIELD_ENCRYPTION_KEYS[0]
    case = CaseFactory()
    document = _document(case)
    make_staff("guardian")  # an MFA secret to rotate too
    new_key = Fernet.generate_key().decode()
    settings.FIELD_ENCRYPTION_KEYS = [new_key, old_key]
    call_command("rotate_encryption_keys", stdout=open("/dev/null", "w"))  # noqa: SIM115
    settings.FIELD_ENCRYPTION_KEYS = [new_key]
    crypto._fernet_for.cache_clear()
    fresh = Case.objects.get(pk=case.pk)
    assert fresh.full_name == SECRET_NAME
    assert fresh.phone_numbers == SECRET_PHONE
    document = CaseDocument.objects.get(pk=document.pk)
    assert services.document_read(document=document) == PDF_BYTES
