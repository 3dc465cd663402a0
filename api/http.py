"""What every ``/api/v1/`` response shares: open CORS, a rate limit per address, JSON errors.

CORS is opened here, view by view, and nowhere else: the API serves only public data, to any
site, without credentials (no ``Access-Control-Allow-Credentials``, so a browser never sends a
visitor's cookies with a cross-site call). Every other page keeps the browser's same-origin rule.
"""

from __future__ import annotations

import functools

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponse, JsonResponse
from django.views.decorators.http import require_http_methods

from sanctuary import ratelimit
from sanctuary.audit import client_ip

RATE_WINDOW_SECONDS = 60
ALLOWED_METHODS = "GET, HEAD, OPTIONS"
# Headers a cross-site script may read from a response besides the simple ones.
EXPOSED_HEADERS = "ETag, Retry-After"
# Request headers a cross-site script may send: asking for a 304.
ALLOWED_REQUEST_HEADERS = "If-None-Match"
PREFLIGHT_MAX_AGE = 86400


def json_error(status: int, detail: str, errors: dict[str, str] | None = None) -> JsonResponse:
    body: dict = {"detail": detail}
    if errors:
        body["errors"] = errors
    response = JsonResponse(body, status=status)
    response["Cache-Control"] = "no-store"
    return response


def _cors(response: HttpResponse) -> HttpResponse:
    response["Access-Control-Allow-Origin"] = "*"
    response["Access-Control-Expose-Headers"] = EXPOSED_HEADERS
    return response


def _preflight() -> HttpResponse:
    response = HttpResponse(status=204)
    del response["Content-Type"]
    response["Allow"] = ALLOWED_METHODS
    response["Access-Control-Allow-Methods"] = ALLOWED_METHODS
    response["Access-Control-Allow-Headers"] = ALLOWED_REQUEST_HEADERS
    response["Access-Control-Max-Age"] = str(PREFLIGHT_MAX_AGE)
    return response


def _too_many() -> JsonResponse:
    response = json_error(
        429, f"Too many requests from your address: at most {settings.API_RATE_LIMIT_PER_MINUTE} a minute."
    )
    # A fixed window: the count starts again at most this many seconds from now.
    response["Retry-After"] = str(RATE_WINDOW_SECONDS)
    return response


def public_api(view):
    """A public, read-only API view: GET and HEAD answered as JSON to anyone, OPTIONS (a CORS
    preflight) answered without running the view, both with CORS open; rate limited per address."""

    read_only = require_http_methods(["GET", "HEAD"])(view)

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        if request.method == "OPTIONS":
            return _cors(_preflight())
        if not ratelimit.hit(
            "api",
            client_ip(request) or "unknown",
            limit=settings.API_RATE_LIMIT_PER_MINUTE,
            window_seconds=RATE_WINDOW_SECONDS,
        ):
            return _cors(_too_many())
        return _cors(read_only(request, *args, **kwargs))

    return login_not_required(wrapped)
