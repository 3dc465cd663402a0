"""People's rights over what the platform holds about them.

- The page behind every withdraw-or-correct link (charter signatures, organisation pledges,
  campaign pledges): ``withdraw_or_correct``.
- "My data": each app contributes a ``DataSection`` through the ``personal_data`` hook.
- ``addresses_of``: the addresses a person has proved are theirs, which the apps match their
  address-keyed records against (signatures and pledges are made without an account).

Each app owns its records, its signed links and its services; this module only draws the one
page they share, so a signature and a pledge are withdrawn the same way: the page shows what is
held, a withdrawal asks for confirmation first (``confirmation_required``), and a consent, where
the record has one, is changed with a labelled form that works without JavaScript.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from allauth.account.models import EmailAddress
from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from sanctuary.confirm import confirmation_required

WITHDRAW, CONSENT = "withdraw", "consent"


def addresses_of(user) -> list[str]:
    """The addresses the person has proved are theirs (verified), lower-cased.

    Only verified ones: records keyed by an address (a signature made without an account) are
    shown to, and erased for, the person who proved that address, never someone who merely
    typed it into their account. Read once per person object (one query), so every app asking
    in one request shares it."""
    found = user.__dict__.get("_rights_addresses")
    if found is None:
        verified = EmailAddress.objects.filter(user=user, verified=True).values_list("email", flat=True)
        found = sorted({address.lower() for address in verified})
        user.__dict__["_rights_addresses"] = found
    return found


@dataclass(frozen=True)
class DataSection:
    """One app's part of a person's data.

    ``records`` maps a heading to its rows; each row maps a field label to a plain value (text,
    number, boolean, date or time, None). ``links`` are shown on the page only (e.g. a
    signature's withdraw link); the download holds the data alone.
    """

    key: str
    title: str
    records: dict[str, list[dict[str, Any]]]
    links: list[tuple[str, str]] = field(default_factory=list)
    order: int = 100


def plain(value: Any) -> Any:
    """A value as it appears in the JSON download."""
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, Promise):
        return str(value)
    return value


def as_json(section: DataSection) -> dict[str, Any]:
    return {
        "title": str(section.title),
        "records": {
            str(heading): [{str(label): plain(value) for label, value in row.items()} for row in rows]
            for heading, rows in section.records.items()
        },
    }


NOTHING_THERE = _lazy(
    "There is nothing at this link any more: it may have been withdrawn already. Check that you "
    "copied the whole link from the email."
)


def link_problem(request: HttpRequest, message: str | Promise = NOTHING_THERE) -> HttpResponse:
    """A withdraw-or-correct link that names nothing: broken, or its record is gone."""
    return render(request, "sanctuary/record_link_problem.html", {"message": message}, status=404)


def after_withdrawal_url(request: HttpRequest, public_url: str) -> str:
    """Where a person goes once they withdrew: their own data page when signed in."""
    return "my_data" if request.user.is_authenticated else public_url


def withdraw_or_correct(
    request: HttpRequest,
    *,
    title: str | Promise,
    rows: Sequence[tuple[Any, Any]],
    withdraw: Callable[[], None],
    withdraw_label: str | Promise,
    consequence: str | Promise,
    done_url: str,
    consent_form: type[forms.Form] | None = None,
    consent_initial: dict | None = None,
    save_consent: Callable[[dict], None] | None = None,
) -> HttpResponse:
    """The page of one record opened from its emailed link (or from the person's data page)."""
    action = request.POST.get("do") if request.method == "POST" else None
    if action == WITHDRAW:
        if response := confirmation_required(
            request,
            title=withdraw_label,
            consequence=consequence,
            cancel_url=request.get_full_path(),
            confirm_label=_("Yes, withdraw and delete it"),
        ):
            return response
        withdraw()
        messages.success(request, _("Withdrawn: the record has been deleted."))
        return redirect(done_url)
    form = None
    if consent_form is not None:
        form = consent_form(request.POST if action == CONSENT else None, initial=consent_initial)
        if action == CONSENT and form.is_valid():
            save_consent(form.cleaned_data)
            messages.success(request, _("Your choice has been saved."))
            return redirect(request.get_full_path())
    return render(
        request,
        "sanctuary/withdraw_or_correct.html",
        {
            "title": title,
            "rows": rows,
            "form": form,
            "withdraw_label": withdraw_label,
            "consequence": consequence,
        },
    )
