"""Returnee pages: lists and dashboards."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from allauth.account.decorators import reauthentication_required
from django.shortcuts import render
from django.utils import timezone
from django.utils.dates import MONTHS_3
from django.views.decorators.http import require_safe

from returnees import selectors
from returnees.forms import (
    CaseFilterForm,
)
from returnees.models import (
    Case,
    Escalation,
)
from returnees.statistics import outcome_rows
from returnees.views._common import CASE_TYPE, _page, returnee_view
from sanctuary.audit import access_record
from sanctuary.exports import csv_response
from sanctuary.links import LinkPattern
from sanctuary.models import Role

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
