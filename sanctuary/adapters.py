"""allauth adapters: our emails go through the outbox; MFA secrets are encrypted."""

from __future__ import annotations

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from allauth.mfa.adapter import DefaultMFAAdapter
from django.contrib.sites.shortcuts import get_current_site

from sanctuary import crypto, services
from sanctuary.notifications import message_queue


class AccountAdapter(DefaultAccountAdapter):
    def populate_username(self, request, user) -> None:
        # Email is the login; there is no username to fill in.
        return None

    def save_user(self, request, user, form, commit: bool = True):
        """Sign-up creates the account through the audited service, not by saving the form's user."""
        if not commit:
            return super().save_user(request, user, form, commit=False)
        data = form.cleaned_data
        return services.account_sign_up(
            email=data["email"],
            display_name=data.get("display_name", ""),
            password=data.get("password1"),
            request=request,
        )

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        """Verification, reset and notice emails go through the outbox like every other email:
        an SMTP outage delays them (the sweep sends them once it is back), never fails the page."""
        request = allauth_context.request
        message = self.render_mail(
            template_prefix,
            email,
            {"request": request, "email": email, "current_site": get_current_site(request), **context},
        )
        message_queue(message, template=template_prefix)


class MFAAdapter(DefaultMFAAdapter):
    def encrypt(self, text: str) -> str:
        return crypto.encrypt_str(text)

    def decrypt(self, encrypted_text: str) -> str:
        return crypto.decrypt_str(encrypted_text)
