"""Role x view x relationship, generated from the URLconf (SECURITY.md 1-3, issue 8).

Every named URL outside accounts/ and admin/ must have an entry in a ``matrix_<app>.py``
module (``matrix.load_matrix``); each entry is built from the world's "A" records and GET as
every role. Allowed roles get a page or a redirect that is not to login/MFA ("reauth" when
the view first asks for re-authentication); denied roles get 404, and an empty POST from a
denied role must not succeed either (404/403/login, or 405 on a view that never takes POST).
"""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from tests.sanctuary.test_url_access import APP_PATTERNS
from tests.security.fixtures import as_role, world  # noqa: F401  (fixtures)
from tests.security.matrix import load_matrix
from tests.security.outcomes import classify
from tests.security.world import ROLES

MATRIX = load_matrix()
URL_NAMES = sorted(name for _, name, _ in APP_PATTERNS if name)
DENIED_POST = {"404", "403", "login"}


def test_every_url_has_a_matrix_entry():
    missing = [name for name in URL_NAMES if name not in MATRIX]
    assert missing == [], f"URL names with no entry in tests/security/matrix_<app>.py: {missing}"


def test_every_matrix_entry_names_a_real_url():
    stale = sorted(set(MATRIX) - set(URL_NAMES))
    assert stale == [], f"matrix entries for URL names that no longer exist: {stale}"


def _cases():
    for name in URL_NAMES:
        entry = MATRIX.get(name)
        if entry is None:
            continue  # reported by test_every_url_has_a_matrix_entry
        for role in ROLES:
            marks = []
            if role in entry.bugs:
                marks.append(pytest.mark.xfail(strict=True, reason=entry.bugs[role]))
            yield pytest.param(name, role, marks=marks, id=f"{name}-{role}")


@pytest.mark.parametrize("name,role", list(_cases()))
def test_matrix(world, as_role, name, role):  # noqa: F811
    entry = MATRIX[name]
    url = reverse(name, kwargs=entry.kwargs(world["a"]))
    client = as_role(role)
    expected = entry.expected_get(role)
    got = classify(client.get(url))
    assert got in expected, f"GET {url} as {role}: expected {sorted(expected)}, got {got}"
    if role not in entry.allow:
        # A denied role must not get anywhere by posting either.
        allowed = DENIED_POST if entry.post_only else DENIED_POST | {"method"}
        got = classify(client.post(url, {}))
        assert got in allowed, f"POST {url} as {role}: expected one of {sorted(allowed)}, got {got}"


MFA_ROLES = ("assessor_this", "national_staff", "coordinator", "guardian_this")
# The health check is exempt by design (sanctuary.middleware._MFA_EXEMPT_PREFIXES): it shows
# no data and load balancers call it without a session.
MFA_EXEMPT = {"healthz"}


@pytest.mark.parametrize("role", MFA_ROLES)
@pytest.mark.parametrize("name", [n for n in URL_NAMES if n not in MFA_EXEMPT])
def test_staff_without_a_second_factor_are_sent_to_set_one_up(world, db, name, role):  # noqa: F811
    """SECURITY.md 4: every view, public or not, sends an MFA role without TOTP to set it up."""
    entry = MATRIX.get(name)
    if entry is None:
        pytest.fail(f"{name} has no matrix entry")
    client = Client()
    client.force_login(world["no_mfa"][role])
    url = reverse(name, kwargs=entry.kwargs(world["a"]))
    got = {"GET": classify(client.get(url)), "POST": classify(client.post(url, {}))}
    assert set(got.values()) == {"mfa"}, f"{url} as {role} without TOTP: expected mfa, got {got}"
