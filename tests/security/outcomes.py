"""Classify a response into the outcome classes the matrix speaks in."""

from __future__ import annotations

from urllib.parse import urlsplit

LOGIN = "/accounts/login/"
REAUTH = "/accounts/reauthenticate/"
MFA_PREFIX = "/accounts/2fa/"


def classify(response) -> str:
    """ok | login | mfa | reauth | 404 | 403 | method | other-<status>."""
    status = response.status_code
    if 200 <= status < 300:
        return "ok"
    if status in (301, 302, 303, 307, 308):
        path = urlsplit(response["Location"]).path
        if path.startswith(LOGIN):
            return "login"
        if path.startswith(REAUTH):
            return "reauth"
        if path.startswith(MFA_PREFIX):
            return "mfa"
        return "ok"
    if status == 404:
        return "404"
    if status == 403:
        return "403"
    if status == 405:
        return "method"
    if status == 503 and response.get("Content-Type") == "application/json":
        return "ok"  # /healthz reporting an unhealthy platform (no scheduler runs in tests)
    return f"other-{status}"
