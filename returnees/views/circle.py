"""Returnee pages: circle and schedule."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from returnees import services
from returnees.forms import (
    CadenceFormSet,
    CircleAddForm,
)
from returnees.models import (
    CadenceRule,
    Case,
    CircleMember,
)
from returnees.views._common import case_view
from returnees.workflow import CASE
from sanctuary.confirm import confirmation_required


@case_view(manage=True, reauth=True)
@require_http_methods(["GET", "POST"])
def circle(request, case: Case):
    members = case.circle.select_related("guardian")
    if request.method == "POST" and (lead := request.POST.get("make_lead")):
        member = get_object_or_404(members, guardian_id=lead if lead.isdigit() else 0)
        services.circle_add(
            actor=request.user, case=case, guardian=member.guardian, is_lead=True, request=request
        )
        messages.success(
            request, _("%(name)s now leads the circle.") % {"name": member.guardian.display_name}
        )
        return redirect("returnees:circle", case.reference)
    form = CircleAddForm(request.POST or None, case=case)
    if request.method == "POST" and form.is_valid():
        services.circle_add(actor=request.user, case=case, request=request, **form.cleaned_data)
        messages.success(request, _("Supporter circle updated."))
        return redirect("returnees:circle", case.reference)
    return render(request, "returnees/circle.html", {"case": case, "form": form, "members": members})


@case_view(manage=True, reauth=True)
@require_POST
def circle_remove(request, case: Case, guardian_id: int):
    member = get_object_or_404(
        CircleMember.objects.select_related("guardian"), case=case, guardian_id=guardian_id
    )
    if response := confirmation_required(
        request,
        title=_("Remove %(name)s from the circle of case %(ref)s?")
        % {"name": member.guardian.display_name, "ref": case.reference},
        consequence=_("They will no longer see this case or be reminded of its check-ins."),
        cancel_url=reverse("returnees:circle", args=[case.reference]),
    ):
        return response
    services.circle_remove(actor=request.user, case=case, guardian_id=member.guardian_id, request=request)
    messages.success(request, _("Guardian removed from the circle."))
    return redirect("returnees:circle", case.reference)


@case_view(manage=True, reauth=True)
@require_http_methods(["GET", "POST"])
def schedule(request, case: Case):
    CASE.check(case, "set_schedule")
    queryset = CadenceRule.objects.filter(case=case)
    formset = CadenceFormSet(request.POST or None, queryset=queryset)
    if request.method == "POST" and formset.is_valid():
        services.schedule_set(actor=request.user, case=case, rules=formset.rules(), request=request)
        messages.success(request, _("Check-in schedule saved."))
        return redirect("returnees:case_detail", case.reference)
    return render(request, "returnees/schedule.html", {"case": case, "formset": formset, "form": formset})
