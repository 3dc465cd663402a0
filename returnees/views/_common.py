"""The decorators every returnee page goes through (roles, no-store, the case found through
``visible_to`` first, recent re-authentication) and pagination."""

from __future__ import annotations

import time
from functools import wraps

from allauth.account.authentication import get_authentication_records
from allauth.account.decorators import reauthentication_required
from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters, sensitive_variables
from django.views.defaults import page_not_found

from returnees import selectors
from sanctuary.models import Role
from sanctuary.permissions import role_required

PAGE_SIZE = 25
CASE_TYPE = "returnees.case"


def returnee_view(view=None, *, roles=(Role.SAFEGUARDING_COORDINATOR, Role.GUARDIAN)):
    """Staff roles only (404 for anyone else), and never cached anywhere: the 404 for a
    hidden case is rendered here so that it carries ``no-store`` like every other answer."""

    def decorator(func):
        # Error reports (500 emails, Sentry-style filters) must not carry what was typed or
        # any local variable of the frames below: they hold decrypted personal data.
        guarded = sensitive_variables()(sensitive_post_parameters()(role_required(*roles)(func)))

        @wraps(func)
        def wrapped(request, *args, **kwargs):
            try:
                response = guarded(request, *args, **kwargs)
            except Http404 as exc:
                response = page_not_found(request, exc)
            add_never_cache_headers(response)
            return response

        return wrapped

    return decorator(view) if view else decorator


def _reauthenticated_within(request, seconds: int) -> bool:
    stamps = [r["at"] for r in get_authentication_records(request, request.user) if r.get("reauthenticated")]
    return bool(stamps) and time.time() - stamps[-1] < seconds


def sensitive_form(func):
    """Recent re-authentication for a form that carries personal data.

    Opening the form (GET) goes through allauth's re-authentication as usual. The POST is
    accepted within RETURNEE_REAUTH_FORM_MINUTES of that re-authentication; after that it is
    refused and the person is sent round again. allauth's own suspend-and-resume is not used
    for these POSTs because it would store the typed personal data, unencrypted, in the session.
    """
    guarded = reauthentication_required(func)

    @wraps(func)
    def wrapped(request, *args, **kwargs):
        if request.method != "POST":
            return guarded(request, *args, **kwargs)
        if _reauthenticated_within(request, settings.RETURNEE_REAUTH_FORM_MINUTES * 60):
            return func(request, *args, **kwargs)
        messages.error(
            request, _("For safety, please confirm it is you again, then enter your changes again.")
        )
        return redirect(request.get_full_path())

    return wrapped


def case_view(*, manage: bool = False, reauth: bool | str = False, plain: bool = False):
    """Resolve ``reference`` to a case the user may see, else 404; then re-auth if asked
    (``reauth="form"`` for forms holding personal data, see :func:`sensitive_form`).

    ``plain``: the page shows none of the person's details, so load only the plain columns
    (``selectors.CASE_PLAIN_FIELDS``) and decrypt nothing."""

    def decorator(func):
        if reauth == "form":
            inner = sensitive_form(func)
        else:
            inner = reauthentication_required(func) if reauth else func

        @wraps(func)
        def wrapped(request, reference: str, **kwargs):
            cases = selectors.visible_to(request.user)
            if plain:
                cases = cases.only(*selectors.CASE_PLAIN_FIELDS)
            case = get_object_or_404(cases, reference=reference)
            if manage and not selectors.can_manage(request.user):
                raise Http404
            return inner(request, case=case, **kwargs)

        return returnee_view(wrapped)

    return decorator


def _page(request, queryset, *, count: int | None = None):
    paginator = Paginator(queryset, PAGE_SIZE)
    if count is not None:
        # Counted already along with the page's other figures: spare the paginator its query.
        paginator.count = count
    return paginator.get_page(request.GET.get("page"))


def case_form_page(
    request, case, form, *, save, done: str, title: str, submit: str, next_url: str = "", **extra
):
    """One form about one case: a valid POST calls ``save(cleaned_data)``, says ``done`` and goes
    to ``next_url`` (the case page unless given); otherwise the form page, with its errors."""
    if request.method == "POST" and form.is_valid():
        save(form.cleaned_data)
        messages.success(request, done)
        return redirect(next_url or "returnees:case_detail", case.reference)
    context = {"form": form, "case": case, "title": title, "submit": submit, **extra}
    return render(request, "returnees/simple_form.html", context)
