"""Returnee pages: contacts, country notes."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from returnees import services
from returnees.forms import (
    ContactForm,
    CountryNoteForm,
)
from returnees.models import (
    Case,
)
from returnees.views._common import case_view
from returnees.workflow import CASE


@case_view()
@require_http_methods(["GET", "POST"])
def contact_new(request, case: Case):
    CASE.check(case, "add_contact")
    form = ContactForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.contact_add(actor=request.user, case=case, request=request, **form.cleaned_data)
        messages.success(request, _("In-country contact added."))
        return redirect("returnees:case_detail", case.reference)
    return render(
        request,
        "returnees/simple_form.html",
        {
            "form": form,
            "case": case,
            "title": _("Add a trusted in-country contact"),
            "submit": _("Add contact"),
        },
    )


@case_view()
@require_http_methods(["GET", "POST"])
def country_note_new(request, case: Case):
    CASE.check(case, "add_country_note")
    form = CountryNoteForm(request.POST or None, initial={"researched_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        services.country_note_add(actor=request.user, case=case, request=request, **form.cleaned_data)
        messages.success(request, _("Country situation note added."))
        return redirect("returnees:case_detail", case.reference)
    return render(
        request,
        "returnees/simple_form.html",
        {
            "form": form,
            "case": case,
            "title": _("Add a country situation note"),
            "submit": _("Add note"),
        },
    )
