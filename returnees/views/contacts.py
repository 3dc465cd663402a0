"""Returnee pages: contacts, country notes."""

from __future__ import annotations

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
from returnees.views._common import case_form_page, case_view
from returnees.workflow import CASE


@case_view()
@require_http_methods(["GET", "POST"])
def contact_new(request, case: Case):
    CASE.check(case, "add_contact")
    return case_form_page(
        request,
        case,
        ContactForm(request.POST or None),
        save=lambda data: services.contact_add(actor=request.user, case=case, request=request, **data),
        done=_("In-country contact added."),
        title=_("Add a trusted in-country contact"),
        submit=_("Add contact"),
    )


@case_view()
@require_http_methods(["GET", "POST"])
def country_note_new(request, case: Case):
    CASE.check(case, "add_country_note")
    return case_form_page(
        request,
        case,
        CountryNoteForm(request.POST or None, initial={"researched_on": timezone.localdate()}),
        save=lambda data: services.country_note_add(actor=request.user, case=case, request=request, **data),
        done=_("Country situation note added."),
        title=_("Add a country situation note"),
        submit=_("Add note"),
    )
