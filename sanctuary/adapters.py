"""allauth adapters: our emails go through the outbox; MFA secrets are encrypted."""

from __future__ import annotations

from allauth.account.adapter import DefaultAccountAdapter
from allauth.mfa.adapter import DefaultMFAAdapter

from sanctuary import crypto


class AccountAdapter(DefaultAccountAdapter):
    def populate_username(self, request, user) -> None:
        # Email is the login; there is no username to fill in.
        return None


class MFAAdapter(DefaultMFAAdapter):
    def encrypt(self, text: str) -> str:
        return crypto.encrypt_str(text)

    def decrypt(self, encrypted_text: str) -> str:
        return crypto.decrypt_str(encrypted_text)
