"""Sessions, re-authentication, cookies and scripts: the gaps the other tests left (issue 8).

Already proven elsewhere: idle and absolute timeouts for a staff member and a guardian
(tests/sanctuary/test_mfa_and_accounts.py), ending the sessions of a deactivated user
(test_sessions_and_logs.py), the production headers and the CSRF cookie
(tests/sanctuary/test_settings.py), and that every export, case edit and download first asks
for re-authentication (the permission matrix's "reauth" column). Here: the timeouts for every
MFA role, a re-authentication that lapses, the real re-authentication page, the session cookie
in production, and that no page needs an inline script or handler the CSP would block.
"""

from __future__ import annotations

import re

import pytest
import time_machine
from django.conf import settings
from django.test import override_settings
from django.urls import reverse

from tests.factories import TEST_PASSWORD, UserFactory, make_staff
from tests.returnees.factories import reauthenticate
from tests.sanctuary.test_settings import PRODUCTION_ENV, SECURITY_SETTINGS, load_settings
from tests.security.fixtures import as_role, world  # noqa: F401  (fixtures)
from tests.security.matrix import load_matrix
from tests.security.outcomes import classify

MATRIX = load_matrix()
MFA_ROLES = ("national_staff", "assessor", "safeguarding_coordinator", "guardian")


@pytest.mark.django_db
@pytest.mark.parametrize("role", MFA_ROLES)
def test_every_mfa_role_is_signed_out_after_the_idle_timeout(client_for, role):
    client = client_for(make_staff(role))
    with time_machine.travel("2026-11-01 09:00 +0000", tick=False) as traveller:
        assert client.get(reverse("dashboard")).status_code == 200
        traveller.shift(settings.STAFF_SESSION_IDLE_TIMEOUT + 60)
        assert classify(client.get(reverse("dashboard"))) == "login"


@pytest.mark.django_db
@pytest.mark.parametrize("role", MFA_ROLES)
def test_every_mfa_role_is_signed_out_at_the_end_of_the_absolute_lifetime(client_for, role):
    client = client_for(make_staff(role))
    step = settings.STAFF_SESSION_IDLE_TIMEOUT - 60
    with time_machine.travel("2026-11-01 09:00 +0000", tick=False) as traveller:
        outcomes = []
        for _ in range(settings.STAFF_SESSION_MAX_AGE // step + 2):
            outcomes.append(classify(client.get(reverse("dashboard"))))
            traveller.shift(step)
    assert outcomes[0] == "ok" and outcomes[-1] == "login"


@pytest.mark.django_db
def test_a_supporter_is_not_held_to_the_staff_idle_timeout(client_for):
    client = client_for(UserFactory())
    with time_machine.travel("2026-11-01 09:00 +0000", tick=False) as traveller:
        assert client.get(reverse("dashboard")).status_code == 200
        traveller.shift(settings.STAFF_SESSION_IDLE_TIMEOUT + 60)
        assert client.get(reverse("dashboard")).status_code == 200


def _reauth_cases():
    for name, entry in sorted(MATRIX.items()):
        if entry.reauth and not entry.post_only:
            yield pytest.param(name, sorted(entry.allow)[0], id=name)


@pytest.mark.parametrize("name,role", list(_reauth_cases()))
def test_a_re_authentication_lapses_after_the_timeout(world, as_role, name, role):  # noqa: F811
    """Exports, case edits and downloads: "within the last few minutes", not once per session."""
    client = as_role(role)
    url = reverse(name, kwargs=MATRIX[name].kwargs(world["a"]))
    with time_machine.travel("2026-11-01 09:00 +0000", tick=False) as traveller:
        reauthenticate(client, world["users"][role])
        assert classify(client.get(url)) in ("ok", "method")  # a few only take POST
        traveller.shift(settings.ACCOUNT_REAUTHENTICATION_TIMEOUT + 1)
        assert classify(client.get(url)) == "reauth"


@pytest.mark.django_db
def test_the_re_authentication_page_asks_for_the_password_then_returns_to_the_export(client_for):
    staff = make_staff("national_staff")
    client = client_for(staff)
    export = reverse("charter:export")
    asked = client.get(export)
    assert classify(asked) == "reauth"
    assert classify(client.post(asked["Location"], {"password": "not the password"})) == "ok"  # form again
    assert classify(client.get(export)) == "reauth"
    back = client.post(asked["Location"], {"password": TEST_PASSWORD})
    assert back.status_code == 302 and back["Location"] == export
    response = client.get(export)
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")


@pytest.mark.django_db
def test_the_production_session_cookie_is_secure_httponly_and_same_site(client, monkeypatch):
    production = load_settings(PRODUCTION_ENV, monkeypatch)
    person = UserFactory()
    with override_settings(**{name: production[name] for name in SECURITY_SETTINGS}):
        response = client.post(
            reverse("account_login"), {"login": person.email, "password": TEST_PASSWORD}, secure=True
        )
        assert response.status_code == 302
        session = response.cookies["__Host-sessionid"]
        assert session["secure"] and session["httponly"] and session["samesite"] == "Lax"
        # The __Host- prefix makes browsers refuse the cookie unless it is Secure, for "/" and
        # without a Domain: no other host under the same domain can set or read it.
        assert session["path"] == "/" and not session["domain"]
        page = client.get(reverse("dashboard"), secure=True)
        assert page.status_code == 200
    csrf = client.cookies["__Host-csrftoken"]
    assert csrf["secure"] and csrf["httponly"] and csrf["samesite"] == "Lax"


INLINE_HANDLER = re.compile(r"<[^>]+\son[a-z]+\s*=", re.I)
SCRIPT_TAG = re.compile(r"<script\b([^>]*)>", re.I)


def _pages():
    for name, entry in sorted(MATRIX.items()):
        if not entry.post_only and not entry.reauth:
            yield pytest.param(name, sorted(entry.allow)[0], id=name)


@pytest.mark.parametrize("name,role", list(_pages()))
def test_no_page_needs_an_inline_script_or_handler(world, as_role, name, role):  # noqa: F811
    """The CSP allows scripts only from our own files or with the response's nonce; a page that
    relied on an inline script or an onclick handler would silently stop working."""
    response = as_role(role).get(reverse(name, kwargs=MATRIX[name].kwargs(world["a"])))
    if response.status_code in (301, 302) or not response["Content-Type"].startswith("text/html"):
        return  # a redirect or a file: no page to run scripts in
    html = response.content.decode()
    nonce = re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"])[1]
    for attributes in SCRIPT_TAG.findall(html):
        if "src=" in attributes or 'type="application/json"' in attributes:
            continue
        assert f'nonce="{nonce}"' in attributes, f"inline script without the nonce on {name}"
    assert not INLINE_HANDLER.search(html), f"inline event handler on {name}"
    assert "javascript:" not in html.lower()
