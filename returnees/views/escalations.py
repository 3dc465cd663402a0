"""Returnee pages: escalations."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from returnees import services
from returnees.forms import (
    EscalationNotesForm,
)
from returnees.models import (
    Case,
    Escalation,
)
from returnees.views._common import case_view
from returnees.workflow import CASE, ESCALATION
from sanctuary.audit import access_record


@case_view(manage=True)
@require_http_methods(["GET", "POST"])
def escalation_acknowledge(request, case: Case, escalation_id: int):
    return _escalation_action(request, case, escalation_id, resolve=False)


@case_view(manage=True)
@require_http_methods(["GET", "POST"])
def escalation_resolve(request, case: Case, escalation_id: int):
    return _escalation_action(request, case, escalation_id, resolve=True)


def _escalation_action(request, case: Case, escalation_id: int, *, resolve: bool):
    escalation = get_object_or_404(Escalation, case=case, pk=escalation_id)
    CASE.check(case, "handle_escalation")
    ESCALATION.check(escalation, "resolve" if resolve else "acknowledge")
    form = EscalationNotesForm(request.POST or None)
    if not resolve:
        form.fields["notes"].required = False
    if request.method == "POST" and form.is_valid():
        action = services.escalation_resolve if resolve else services.escalation_acknowledge
        action(actor=request.user, escalation=escalation, notes=form.cleaned_data["notes"], request=request)
        messages.success(request, _("Escalation resolved.") if resolve else _("Escalation acknowledged."))
        return redirect("returnees:case_detail", case.reference)
    access_record(request=request, kind="view", obj=escalation)
    return render(
        request,
        "returnees/simple_form.html",
        {
            "form": form,
            "case": case,
            "escalation": escalation,
            "title": _("Resolve escalation") if resolve else _("Acknowledge escalation"),
            "submit": _("Resolve") if resolve else _("Acknowledge"),
        },
    )
