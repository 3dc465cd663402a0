"""Pages for coordinators and guardians.

Every view is wrapped by :func:`returnee_view` (staff roles only, ``Cache-Control:
no-store``); every view of one case by :func:`case_view`, which finds the case through
``visible_to`` first (another person's case is a 404, before anything else happens) and
only then asks for recent re-authentication where the action is sensitive.
"""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass
from functools import wraps

from allauth.account.authentication import get_authentication_records
from allauth.account.decorators import reauthentication_required
from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.dates import MONTHS_3
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters, sensitive_variables
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from django.views.defaults import page_not_found

from returnees import selectors, services
from returnees.forms import (
    CadenceFormSet,
    CaseFilterForm,
    CaseForm,
    CheckInForm,
    CircleAddForm,
    CloseForm,
    ConsentWithdrawForm,
    ContactForm,
    CountryNoteForm,
    DocumentForm,
    EscalationNotesForm,
    HandoverForm,
    PlanForm,
)
from returnees.models import (
    CadenceRule,
    Case,
    CaseDocument,
    CheckIn,
    CircleMember,
    Escalation,
    PlanHandover,
    PlanVersion,
)
from returnees.statistics import outcome_rows
from returnees.workflow import CASE, ESCALATION
from sanctuary.audit import access_record
from sanctuary.confirm import confirmation_required
from sanctuary.exports import csv_response
from sanctuary.links import LinkPattern
from sanctuary.models import Role
from sanctuary.permissions import role_required
from sanctuary.uploads import private_file_response

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


# --- Lists and dashboards ---------------------------------------------------------------------

_STATUS_LABELS = dict(Case.Status.choices)
_RISK_LABELS = dict(Case.Risk.choices)
_REASON_LABELS = dict(Escalation.Reason.choices)
_ESCALATION_STATUS_LABELS = dict(Escalation.Status.choices)


class CaseLinks:
    """A list's links to its cases, resolved once per page rather than twice per row."""

    def __init__(self) -> None:
        self.detail = LinkPattern("returnees:case_detail")
        self.checkin = LinkPattern("returnees:checkin_new")


class ShortTimes:
    """Times as the ``date:"j M H:i"`` filter writes them ("3 Dec 14:05", in the reader's time
    zone and language), with each month's name translated once per page instead of per row."""

    def __init__(self) -> None:
        self._months: dict[int, str] = {}

    def __call__(self, value: dt.datetime | None) -> str:
        if value is None:
            return ""
        local = timezone.localtime(value)
        month = self._months.get(local.month)
        if month is None:
            month = self._months[local.month] = str(MONTHS_3[local.month]).title()
        return f"{local.day} {month} {local:%H:%M}"


@dataclass(frozen=True)
class EscalationRow:
    reference: str
    url: str
    reason: str
    status: str
    raised: str

    @classmethod
    def of(cls, escalation: Escalation, *, links: CaseLinks, times: ShortTimes) -> EscalationRow:
        return cls(
            reference=escalation.case.reference,
            url=links.detail(escalation.case.reference),
            reason=_REASON_LABELS[escalation.reason],
            status=_ESCALATION_STATUS_LABELS[escalation.status],
            raised=times(escalation.raised_at),
        )


@dataclass(frozen=True)
class CaseRow:
    """One case as the lists show it, worked out once in Python: the template engine would
    otherwise spend most of a page's time on per-row URL tags and choice labels."""

    reference: str
    url: str
    checkin_url: str  # empty unless the case is being monitored
    status: str
    risk: str
    due: str  # the next check-in, formatted; empty when none is scheduled
    is_due: bool

    @classmethod
    def of(cls, case: Case, *, now: dt.datetime, links: CaseLinks, times: ShortTimes) -> CaseRow:
        monitored = case.status == Case.Status.MONITORING
        return cls(
            reference=case.reference,
            url=links.detail(case.reference),
            checkin_url=links.checkin(case.reference) if monitored else "",
            status=_STATUS_LABELS[case.status],
            risk=_RISK_LABELS[case.risk_level],
            due=times(case.next_due_at),
            is_due=bool(case.next_due_at and case.next_due_at <= now),
        )


@returnee_view
@require_safe
def index(request):
    """My cases, what needs attention first (guardians); the overview and all cases (coordinators).

    A fixed number of queries whatever the number of cases: lists load plain columns only
    (see ``selectors.CASE_PLAIN_FIELDS``) and every figure is one aggregate."""
    user = request.user
    is_coordinator = selectors.can_manage(user)
    filters = CaseFilterForm(request.GET or None)
    cases = selectors.visible_to(user)
    now = timezone.now()
    searching = filtered = False
    if filters.is_valid():
        filtered = any(filters.cleaned_data.values())
        if filters.cleaned_data["status"]:
            cases = cases.filter(status=filters.cleaned_data["status"])
        if filters.cleaned_data["risk"]:
            cases = cases.filter(risk_level=filters.cleaned_data["risk"])
        if filters.cleaned_data["reference"]:
            searching = True
            cases = cases.filter(reference__iexact=filters.cleaned_data["reference"].strip())
        if filters.cleaned_data["due"]:
            cases = cases.filter(status=Case.Status.MONITORING, next_due_at__lte=now)
    summary = selectors.coordinator_summary(now=now) if is_coordinator else None
    if summary and not filtered:
        # The summary has counted every case already: the unfiltered list's figures.
        counts = {"total": summary["total"], "due": summary["overdue"]}
    else:
        counts = selectors.case_counts(cases, now=now)
    page_obj = _page(request, selectors.cases_by_attention(cases), count=counts["total"])
    access_record(request=request, kind="search" if searching else "list", object_type=CASE_TYPE)
    query = request.GET.copy()
    query.pop("page", None)
    open_escalations, open_escalation_count = selectors.open_escalations_summary(user)
    links, times = CaseLinks(), ShortTimes()
    context = {
        "page_obj": page_obj,
        "rows": [CaseRow.of(case, now=now, links=links, times=times) for case in page_obj],
        "due_count": counts["due"],
        "filters": filters,
        "query_string": query.urlencode(),
        "is_coordinator": is_coordinator,
        "open_escalations": [EscalationRow.of(e, links=links, times=times) for e in open_escalations],
        "open_escalation_count": open_escalation_count,
        "summary": summary,
    }
    return render(request, "returnees/index.html", context)


@returnee_view(roles=(Role.SAFEGUARDING_COORDINATOR, Role.NATIONAL_STAFF))
@require_safe
def statistics(request):
    access_record(request=request, kind="view", object_type="returnees.statistics")
    return render(request, "returnees/statistics.html", {"rows": outcome_rows()})


@returnee_view(roles=(Role.SAFEGUARDING_COORDINATOR, Role.NATIONAL_STAFF))
@reauthentication_required
@require_safe
def statistics_export(request):
    access_record(request=request, kind="export", object_type="returnees.statistics")
    return csv_response(
        filename="returnee-outcomes.csv",
        header=[
            "country",
            "year",
            "returns_monitored",
            "reached_at_least_once",
            "coverage_percent",
            "people_reporting_danger",
            "reports_of_danger",
        ],
        rows=(
            [
                row.country,
                row.year,
                *[
                    "<5" if v is None else v
                    for v in (
                        row.monitored,
                        row.covered,
                        row.coverage_percent,
                        row.danger_cases,
                        row.danger_reports,
                    )
                ],
            ]
            for row in outcome_rows()
        ),
    )


# --- Cases ------------------------------------------------------------------------------------


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
    form = CloseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.case_close(actor=request.user, case=case, request=request, **form.cleaned_data)
        messages.success(request, _("Case closed."))
        return redirect("returnees:case_detail", case.reference)
    return render(
        request,
        "returnees/simple_form.html",
        {
            "form": form,
            "case": case,
            "title": _("Close case"),
            "submit": _("Close case"),
        },
    )


@case_view(manage=True, reauth=True)
@require_http_methods(["GET", "POST"])
def case_consent_withdraw(request, case: Case):
    CASE.check(case, "withdraw_consent")
    form = ConsentWithdrawForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.case_consent_withdraw(actor=request.user, case=case, request=request)
        messages.success(request, _("Consent withdrawn: the personal details of this case have been erased."))
        return redirect("returnees:case_detail", case.reference)
    return render(
        request,
        "returnees/simple_form.html",
        {
            "form": form,
            "case": case,
            "title": _("Record withdrawal of consent"),
            "submit": _("Withdraw consent and erase"),
            "danger": True,
        },
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


# --- Circle and schedule ----------------------------------------------------------------------


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


# --- Check-ins --------------------------------------------------------------------------------


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


# --- Contacts, country notes ------------------------------------------------------------------


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


# --- Return plan ------------------------------------------------------------------------------


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
    form = HandoverForm(request.POST)
    if form.is_valid():
        services.plan_handover_record(actor=request.user, plan=version, request=request, **form.cleaned_data)
        messages.success(request, _("Recorded who was given version %(n)s.") % {"n": version.number})
        return redirect("returnees:plan", case.reference)
    return render(
        request,
        "returnees/simple_form.html",
        {
            "form": form,
            "case": case,
            "title": _("Record who was given version %(n)s") % {"n": version.number},
            "submit": _("Record"),
        },
    )


# --- Documents --------------------------------------------------------------------------------


@case_view(plain=True)
@require_http_methods(["GET", "POST"])
def documents(request, case: Case):
    CASE.check(case, "read_documents")
    form = DocumentForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        CASE.check(case, "add_document")
        if form.is_valid():
            services.document_add(
                actor=request.user,
                case=case,
                upload=form.cleaned_data["file"],
                kind=form.cleaned_data["kind"],
                description=form.cleaned_data["description"],
                request=request,
            )
            messages.success(request, _("Document stored, encrypted."))
            return redirect("returnees:documents", case.reference)
    access_record(request=request, kind="list", obj=case)
    page_obj = _page(request, case.documents.select_related("uploaded_by"))
    return render(request, "returnees/documents.html", {"case": case, "form": form, "page_obj": page_obj})


@case_view(reauth=True)
@require_safe
def document_download(request, case: Case, document_id):
    CASE.check(case, "read_documents")
    document = get_object_or_404(CaseDocument, case=case, pk=document_id)
    access_record(request=request, kind="download", obj=document)
    content = services.document_read(document=document)
    extension = document.original_name.rsplit(".", 1)[-1] if "." in document.original_name else "bin"
    # The download name is built from the reference: the original name may hold the person's name.
    return private_file_response(content, download_name=f"{case.reference}-{document.kind}.{extension}")


# --- Escalations ------------------------------------------------------------------------------


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
