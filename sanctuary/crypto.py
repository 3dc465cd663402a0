"""Symmetric encryption for personal fields and MFA secrets (Fernet with key rotation)."""

from __future__ import annotations

from functools import cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

TOKEN_PREFIX = "fernet:"  # noqa: S105 - a marker, not a secret


@cache
def _fernet_for(keys: tuple[str, ...]) -> MultiFernet:
    try:
        return MultiFernet([Fernet(key.encode()) for key in keys])
    except (ValueError, TypeError) as exc:
        raise ImproperlyConfigured(
            "FIELD_ENCRYPTION_KEYS must be Fernet keys (url-safe base64 of 32 bytes)."
        ) from exc


def fernet() -> MultiFernet:
    return _fernet_for(tuple(settings.FIELD_ENCRYPTION_KEYS))


def encrypt_bytes(data: bytes) -> bytes:
    return fernet().encrypt(data)


def decrypt_bytes(token: bytes) -> bytes:
    return fernet().decrypt(token)


def encrypt_str(text: str) -> str:
    return TOKEN_PREFIX + fernet().encrypt(text.encode()).decode()


def decrypt_str(token: str) -> str:
    if not token.startswith(TOKEN_PREFIX):
        raise InvalidToken
    return fernet().decrypt(token.removeprefix(TOKEN_PREFIX).encode()).decode()


def rotate_str(token: str) -> str:
    """Re-encrypt a token under the first (newest) key."""
    return TOKEN_PREFIX + fernet().rotate(token.removeprefix(TOKEN_PREFIX).encode()).decode()


def rotate_bytes(token: bytes) -> bytes:
    return fernet().rotate(token)
