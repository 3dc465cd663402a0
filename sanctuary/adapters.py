"""allauth adapters: our emails go through the outbox; MFA secrets are encrypted."""

from __future__ import annotations

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from allauth.mfa.adapter import DefaultMFAAdapter
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.contrib.sites.shortcuts import get_current_site
from django.utils.crypto import get_random_string
from django.utils.translation import get_language

from sanctuary import crypto, ratelimit, services
from sanctuary.i18n import language_of, languages_of, links_in, url_in, user_language
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

    def send_account_already_exists_mail(self, email: str) -> None:
        """Sign-up with an address that has an account: tell its owner, and take as long as a
        new sign-up would. A new account's password is hashed (the slow step, on purpose), so
        one hash is made here too; otherwise the answer's speed would say the address is known.
        """
        make_password(get_random_string(32))
        super().send_account_already_exists_mail(email)

    def _get_login_attempts_cache_key(self, request, **credentials) -> str:
        """Failed sign-ins are counted per account *and* client address (allauth's "key" limit
        in ``ACCOUNT_RATE_LIMITS``), not per account alone: a per-account lock would let anyone
        who knows a coordinator's address keep them out by failing on purpose."""
        return (
            f"{super()._get_login_attempts_cache_key(request, **credentials)}:{self.get_client_ip(request)}"
        )

    def authentication_failed(self, request, **credentials) -> None:
        """Count the account's failures from every address; past the threshold, email its owner."""
        super().authentication_failed(request, **credentials)
        login = str(credentials.get("email") or credentials.get("username") or "")
        if not login:
            return
        within = ratelimit.hit(
            "accounts:login_failed",
            login,
            limit=settings.LOGIN_FAILURE_NOTICE_AFTER - 1,
            window_seconds=settings.LOGIN_FAILURE_WINDOW_SECONDS,
        )
        if not within:
            services.failed_logins_notify(email=login, request=request)

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        """Verification, reset and notice emails go through the outbox like every other email:
        an SMTP outage delays them (the sweep sends them once it is back), never fails the page.
        Written in the account's language when the address has one, else the page's."""
        request = allauth_context.request
        language = languages_of([email.strip().lower()]).get(email.strip().lower()) or get_language()
        # allauth's links are on the request's host: they lead to pages in the email's language.
        host = request.build_absolute_uri("/") if request is not None else settings.SITE_URL
        with language_of(language):
            message = self.render_mail(
                template_prefix,
                email,
                {
                    "request": request,
                    "email": email,
                    "current_site": get_current_site(request),
                    **links_in(context, language, bases=[host]),
                },
            )
        message_queue(message, template=template_prefix)

    def post_login(self, request, user, **kwargs):
        """Signing in takes the person to their page in the language they chose."""
        response = super().post_login(request, user, **kwargs)
        location = response.get("Location") if response.status_code in (301, 302, 303) else None
        if location:
            response["Location"] = url_in(location, user_language(user))
        return response


class MFAAdapter(DefaultMFAAdapter):
    def encrypt(self, text: str) -> str:
        return crypto.encrypt_str(text)

    def decrypt(self, encrypted_text: str) -> str:
        return crypto.decrypt_str(encrypted_text)
