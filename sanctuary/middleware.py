"""Session rules for people with staff roles."""

from __future__ import annotations

import time

from allauth.account.authentication import get_authentication_records
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpResponseBadRequest
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from sanctuary.i18n import path_without_language
from sanctuary.permissions import requires_mfa

# Paths a person without a second factor may still reach: to set one up, or to leave.
_MFA_EXEMPT_PREFIXES = ("/accounts/", "/static/", "/healthz", "/i18n/")


def _second_factor_proved(request) -> bool:
    # A code entered at sign-in is recorded in the session by allauth; sessions without that
    # record (signed in before the authenticator existed) are judged by the authenticator.
    if any(record.get("method") == "mfa" for record in get_authentication_records(request, request.user)):
        return True
    return Authenticator.objects.filter(user=request.user, type=Authenticator.Type.TOTP).exists()


class MFARequiredMiddleware:
    """Send anyone holding a staff role to set up TOTP before they use the platform.

    allauth asks for the code at every login once an authenticator exists, so a staff
    user with an active TOTP authenticator has proved their second factor this session.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (
            user.is_authenticated
            and not path_without_language(request.path).startswith(_MFA_EXEMPT_PREFIXES)
            and requires_mfa(user)
            and not _second_factor_proved(request)
        ):
            messages.warning(
                request,
                _("Your role needs two-factor authentication. Set up an authenticator app to continue."),
            )
            return redirect(reverse("mfa_activate_totp"))
        return self.get_response(request)


ACTIVITY_RECORD_SECONDS = 60


class StaffSessionMiddleware:
    """Idle timeout and absolute lifetime for the sessions of staff roles.

    The idle clock is kept to the minute (``ACTIVITY_RECORD_SECONDS``), so a session may
    outlive its idle timeout by up to a minute.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated and requires_mfa(user):
            now = int(time.time())
            session = request.session
            started = session.setdefault("staff_session_started", now)
            last_seen = session.get("staff_last_seen", now)
            if (
                now - last_seen > settings.STAFF_SESSION_IDLE_TIMEOUT
                or now - started > settings.STAFF_SESSION_MAX_AGE
            ):
                logout(request)
                messages.info(request, _("You were signed out to keep records safe. Please sign in again."))
                return redirect(f"{reverse('account_login')}?next={request.path}")
            # Recording activity rewrites the session row (a database commit): once a minute
            # is precise enough for a 30-minute idle timeout, and spares every busy request.
            if now - last_seen >= ACTIVITY_RECORD_SECONDS or "staff_last_seen" not in session:
                session["staff_last_seen"] = now
        return self.get_response(request)


class RejectNullCharactersMiddleware:
    """Answer 400 to any request whose parameters contain a NUL character.

    No person types one, and PostgreSQL text cannot hold it: left alone, a NUL in a search box
    or a slug parameter reaches a query and fails there as a server error.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        params = [request.GET]
        if request.method == "POST" and request.content_type in (
            "application/x-www-form-urlencoded",
            "multipart/form-data",
        ):
            params.append(request.POST)
        for query in params:
            for key, values in query.lists():
                if "\x00" in key or any("\x00" in value for value in values):
                    return HttpResponseBadRequest(_("The request contained characters that are not allowed."))
        return self.get_response(request)
