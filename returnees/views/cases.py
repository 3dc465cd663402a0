"""Returnee pages: cases."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from returnees import selectors, services
from returnees.forms import (
    CaseForm,
    CheckInForm,
    CloseForm,
    ConsentWithdrawForm,
)
from returnees.models import (
    Case,
    Escalation,
)
from returnees.views._common import case_form_page, case_view, returnee_view, sensitive_form
from returnees.workflow import CASE
from sanctuary.audit import access_record
from sanctuary.exports import csv_response
from sanctuary.models import Role


@returnee_view(roles=(Role.SAFEGUARDING_COORDINATOR,))
@sensitive_form
@require_http_methods(["GET", "POST"])
def case_create(request):
    form = CaseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        case = services.case_create(actor=request.user, data=form.case_data(), request=request)
        messages.success(
            request, _("Case %(ref)s created. Now add the supporter circle.") % {"ref": case.reference}
        )
        return redirect("returnees:circle", case.reference)
    return render(request, "returnees/case_form.html", {"form": form, "case": None})


@case_view()
@require_safe
def case_detail(request, case: Case):
    access_record(request=request, kind="view", obj=case)
    context = {
        "case": case,
        "can_manage": selectors.can_manage(request.user),
        "circle": case.circle.select_related("guardian"),
        "rules": case.cadence_rules.all(),
        "checkins": case.checkins.select_related("recorded_by")[:5],
        "escalations": case.escalations.exclude(status=Escalation.Status.RESOLVED),
        "past_escalations": case.escalations.filter(status=Escalation.Status.RESOLVED)[:5],
        "missed": selectors.missed_checkin_dates(case),
        "contacts": case.contacts.all(),
        "country_notes": case.country_notes.all()[:5],
        "plan": case.plan_versions.first(),
        "document_count": case.documents.count(),
        "channels": [
            label
            for value, label in CheckInForm.base_fields["channel"].choices
            if value in (case.preferred_channels or "").split(",")
        ],
        "now": timezone.now(),
    }
    return render(request, "returnees/case_detail.html", context)


@case_view(manage=True, reauth="form")
@require_http_methods(["GET", "POST"])
def case_edit(request, case: Case):
    CASE.check(case, "edit")
    form = CaseForm(request.POST or None, instance=case)
    if request.method == "POST" and form.is_valid():
        services.case_update(actor=request.user, case=case, data=form.case_data(), request=request)
        messages.success(request, _("Case updated."))
        return redirect("returnees:case_detail", case.reference)
    if request.method == "GET":
        access_record(request=request, kind="view", obj=case)
    return render(request, "returnees/case_form.html", {"form": form, "case": case})


@case_view(manage=True, reauth=True)
@require_POST
def case_start_monitoring(request, case: Case):
    services.case_start_monitoring(actor=request.user, case=case, request=request)
    messages.success(request, _("Monitoring has started; the first check-in is scheduled."))
    return redirect("returnees:case_detail", case.reference)


@case_view(manage=True, reauth="form")
@require_http_methods(["GET", "POST"])
def case_close(request, case: Case):
    CASE.check(case, "close")
    return case_form_page(
        request,
        case,
        CloseForm(request.POST or None),
        save=lambda data: services.case_close(actor=request.user, case=case, request=request, **data),
        done=_("Case closed."),
        title=_("Close case"),
        submit=_("Close case"),
    )


@case_view(manage=True, reauth=True)
@require_http_methods(["GET", "POST"])
def case_consent_withdraw(request, case: Case):
    CASE.check(case, "withdraw_consent")
    return case_form_page(
        request,
        case,
        ConsentWithdrawForm(request.POST or None),
        save=lambda data: services.case_consent_withdraw(actor=request.user, case=case, request=request),
        done=_("Consent withdrawn: the personal details of this case have been erased."),
        title=_("Record withdrawal of consent"),
        submit=_("Withdraw consent and erase"),
        danger=True,
    )


@case_view(reauth=True)
@require_safe
def case_export(request, case: Case):
    """The case's check-in history as CSV, for the circle's own records or a handover."""
    access_record(request=request, kind="export", obj=case)
    return csv_response(
        filename=f"{case.reference}-checkins.csv",
        header=["reference", "when", "channel", "reached", "wellbeing", "notes", "needs", "follow_up"],
        rows=(
            [case.reference, c.occurred_at, c.channel, c.reached, c.wellbeing, c.notes, c.needs, c.follow_up]
            for c in case.checkins.order_by("occurred_at")
        ),
    )
