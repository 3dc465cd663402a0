"""Returnee pages: check-ins."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from returnees import services
from returnees.forms import (
    CheckInForm,
)
from returnees.models import (
    Case,
    CheckIn,
)
from returnees.views._common import _page, case_view
from returnees.workflow import CASE
from sanctuary.audit import access_record


@case_view(plain=True)
@require_safe
def checkin_list(request, case: Case):
    access_record(request=request, kind="list", obj=case)
    page_obj = _page(request, case.checkins.select_related("recorded_by"))
    return render(request, "returnees/checkin_list.html", {"case": case, "page_obj": page_obj})


@case_view(plain=True)
@require_http_methods(["GET", "POST"])
def checkin_new(request, case: Case):
    CASE.check(case, "record_checkin")
    form = CheckInForm(
        request.POST or None, initial={"occurred_at": timezone.localtime().replace(second=0, microsecond=0)}
    )
    if request.method == "POST" and form.is_valid():
        checkin = services.checkin_record(actor=request.user, case=case, request=request, **form.cleaned_data)
        if checkin.wellbeing == CheckIn.Wellbeing.IN_DANGER:
            messages.warning(request, _("Check-in saved. The coordinators have been alerted."))
        else:
            messages.success(request, _("Check-in saved."))
        return redirect("returnees:index")
    return render(request, "returnees/checkin_form.html", {"case": case, "form": form})
