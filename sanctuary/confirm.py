"""Confirmation before a destructive action, without JavaScript.

A destructive button posts to its action as usual. The view asks ``confirmation_required``
first: until the post carries ``confirmed=yes`` the answer is a page that says what will
happen, with a button that posts the same fields again, confirmed, and a way back that changes
nothing. A GET on the action shows the same page, so a plain link works too.

    if response := confirmation_required(request, title=..., consequence=..., cancel_url=...):
        return response
    services.thing_delete(...)
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

CONFIRM_FIELD = "confirmed"
_NOT_CARRIED = {"csrfmiddlewaretoken", CONFIRM_FIELD}
YES = _("Yes, continue")
NO = _("No, go back")


def is_confirmed(request: HttpRequest) -> bool:
    return request.method == "POST" and request.POST.get(CONFIRM_FIELD) == "yes"


def confirmation_required(
    request: HttpRequest,
    *,
    title: str | Promise,
    cancel_url: str,
    consequence: str | Promise = "",
    confirm_label: str | Promise = YES,
    cancel_label: str | Promise = NO,
) -> HttpResponse | None:
    """None when the person has confirmed; otherwise the page that asks them to."""
    if is_confirmed(request):
        return None
    carried = [
        (name, value)
        for name, values in (request.POST.lists() if request.method == "POST" else [])
        if name not in _NOT_CARRIED
        for value in values
    ]
    return render(
        request,
        "confirm.html",
        {
            "title": title,
            "consequence": consequence,
            "confirm_label": confirm_label,
            "cancel_label": cancel_label,
            "cancel_url": cancel_url,
            "action": request.get_full_path(),
            "carried": carried,
            "confirm_field": CONFIRM_FIELD,
        },
    )
