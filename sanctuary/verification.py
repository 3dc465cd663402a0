"""Verification codes printed on certificates, and their lookup by a public "check" page.

One mechanism for every certificate (Sanctuary Awards, Local Authority Network terms): each
certificate carries a random code in its link and QR code, and a public page finds the row by
that code. The code is unguessable (144 random bits), so the page needs no sign-in and no
rate limit: nobody can walk through codes to list who holds what.
"""

from __future__ import annotations

import secrets

from django.db.models import Model, QuerySet

# token_urlsafe(18) gives 24 characters; the columns leave room for a longer code later.
CODE_MAX_LENGTH = 40


def verification_code() -> str:
    """A new random code for a certificate (URL-safe, unique in practice; the column is unique)."""
    return secrets.token_urlsafe(18)


def certificate_lookup(queryset: QuerySet, code: str, *, field: str = "verification_code") -> Model | None:
    """The row of ``queryset`` whose ``field`` is ``code``, or None (one query at most)."""
    if not code or len(code) > CODE_MAX_LENGTH:
        return None
    return queryset.filter(**{field: code}).first()
