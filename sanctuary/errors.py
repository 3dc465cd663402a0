"""The one exception a service raises when it refuses what it was asked to do.

``Refused`` is a ``ValidationError``: a view with a form adds it to the form (``form.add_error(None,
exc)``), so it appears in the error summary and nothing the person typed is lost. A view
without a form lets it propagate: ``RefusalMiddleware`` shows the message and sends the person
back to the page they came from, or answers a page that explains (status 409) when there is no
safe page to go back to. Either way the words are the service's, and nothing was changed.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme


class Refused(ValidationError):
    """The service refuses this action; the message says why, in words the person can act on."""

    @property
    def text(self) -> str:
        return " ".join(str(message) for message in self.messages)


def safe_referer(request: HttpRequest) -> str | None:
    """The page the request came from, when it is one of ours; otherwise None."""
    referer = request.headers.get("referer", "")
    if referer and url_has_allowed_host_and_scheme(
        referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return referer
    return None


def refusal_response(request: HttpRequest, exc: Refused) -> HttpResponse:
    """Show a refusal: a message on the page the person came from, or a page of its own."""
    back = safe_referer(request)
    if back and request.method == "POST":
        messages.error(request, exc.text)
        return HttpResponseRedirect(back)
    return render(request, "refused.html", {"message": exc.text, "back": back}, status=409)


class RefusalMiddleware:
    """Turns a ``Refused`` that no view caught into ``refusal_response``."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, Refused):
            return refusal_response(request, exception)
        return None
