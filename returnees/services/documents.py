"""Returnee services: documents."""

from __future__ import annotations

import secrets

from django.core.files.base import ContentFile
from django.db import transaction

from returnees.models import (
    Case,
    CaseDocument,
    PlanVersion,
)
from returnees.services._common import _guarded
from returnees.services.cases import _delete_stored_file
from sanctuary import crypto
from sanctuary.audit import audit_record


def _stored_name() -> str:
    # No extension and no date: the stored name says nothing about the file.
    return f"{secrets.token_hex(20)}.bin"


@transaction.atomic
def document_add(*, actor, case: Case, upload: ContentFile, kind: str, description: str = "", request=None):
    """Store an upload already cleaned by ``sanctuary.uploads.clean_upload``, encrypted."""
    case = _guarded(case, "add_document")
    upload.seek(0)
    data = upload.read()
    original_name = getattr(upload, "original_name", "") or "document"
    extension = original_name.rsplit(".", 1)[-1].lower() if "." in original_name else ""
    content_type = (
        "application/pdf" if extension == "pdf" else f"image/{'jpeg' if extension == 'jpg' else extension}"
    )
    document = CaseDocument(
        case=case,
        kind=kind,
        description=description,
        original_name=original_name,
        content_type=content_type,
        size=len(data),
        uploaded_by=actor,
    )
    document.encrypted_file.save(_stored_name(), ContentFile(crypto.encrypt_bytes(data)), save=False)
    name = document.encrypted_file.name
    # If the row cannot be saved, do not leave an orphaned file behind.
    try:
        document.save()
    except Exception:
        _delete_stored_file(name)
        raise
    audit_record(
        actor=actor,
        action="returnees.document_added",
        obj=document,
        detail={"reference": case.reference, "kind": kind},
        request=request,
    )
    return document


def document_read(*, document: CaseDocument) -> bytes:
    """Decrypted content; call only from a view that has checked permission and the case's state."""
    with document.encrypted_file.open("rb") as handle:
        return crypto.decrypt_bytes(handle.read())


def documents_rotate_keys() -> int:
    """Re-encrypt every stored file (documents and issued plan PDFs) under the newest key
    (``key_rotation`` hook)."""
    done = 0
    for model, field in ((CaseDocument, "encrypted_file"), (PlanVersion, "encrypted_pdf")):
        for row in model.objects.exclude(**{field: ""}).only("pk", field).iterator(chunk_size=100):
            stored = getattr(row, field)
            old_name = stored.name
            with stored.open("rb") as handle:
                token = handle.read()
            stored.save(_stored_name(), ContentFile(crypto.rotate_bytes(token)), save=False)
            with transaction.atomic():
                model.objects.filter(pk=row.pk).update(**{field: stored.name})
            _delete_stored_file(old_name)
            done += 1
    audit_record(
        actor=None,
        action="returnees.documents_rekeyed",
        object_type="returnees.casedocument",
        detail={"documents": done},
    )
    return done
