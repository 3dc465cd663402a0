"""Returnee pages: return plan."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from returnees import services
from returnees.forms import (
    HandoverForm,
    PlanForm,
)
from returnees.models import (
    Case,
    PlanHandover,
    PlanVersion,
)
from returnees.views._common import _page, case_form_page, case_view
from returnees.workflow import CASE
from sanctuary.audit import access_record
from sanctuary.uploads import private_file_response


@case_view()
@require_safe
def plan(request, case: Case):
    CASE.check(case, "read_plan")
    access_record(request=request, kind="view", obj=case)
    versions = case.plan_versions.prefetch_related(
        Prefetch("handovers", queryset=PlanHandover.objects.order_by("-given_on"))
    )
    page_obj = _page(request, versions)
    return render(
        request,
        "returnees/plan.html",
        {
            "case": case,
            "page_obj": page_obj,
            "latest": case.plan_versions.first(),
            "handover_form": HandoverForm(),
        },
    )


@case_view()
@require_http_methods(["GET", "POST"])
def plan_new(request, case: Case):
    CASE.check(case, "write_plan")
    latest = case.plan_versions.first()
    form = PlanForm(
        request.POST or None,
        instance=None,
        initial=({name: getattr(latest, name) for name, _label in PlanVersion.SECTIONS} if latest else None),
    )
    if request.method == "GET" and latest:
        access_record(request=request, kind="view", obj=latest)
    if request.method == "POST" and form.is_valid():
        version = services.plan_version_create(
            actor=request.user, case=case, sections=form.cleaned_data, request=request
        )
        messages.success(request, _("Version %(n)s of the plan saved.") % {"n": version.number})
        return redirect("returnees:plan", case.reference)
    return render(
        request,
        "returnees/simple_form.html",
        {
            "form": form,
            "case": case,
            "title": _("New version of the return plan"),
            "submit": _("Save new version"),
        },
    )


@case_view(reauth=True)
@require_safe
def plan_pdf(request, case: Case, number: int):
    CASE.check(case, "read_plan")
    version = get_object_or_404(PlanVersion, case=case, number=number)
    access_record(request=request, kind="download", obj=version)
    pdf = services.plan_pdf(plan=version)
    return private_file_response(pdf, download_name=f"{case.reference}-plan-v{version.number}.pdf")


@case_view()
@require_POST
def plan_handover(request, case: Case, number: int):
    version = get_object_or_404(PlanVersion, case=case, number=number)
    return case_form_page(
        request,
        case,
        HandoverForm(request.POST),
        save=lambda data: services.plan_handover_record(
            actor=request.user, plan=version, request=request, **data
        ),
        done=_("Recorded who was given version %(n)s.") % {"n": version.number},
        title=_("Record who was given version %(n)s") % {"n": version.number},
        submit=_("Record"),
        next_url="returnees:plan",
    )
