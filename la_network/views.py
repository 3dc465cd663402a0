from __future__ import annotations

import datetime as dt
import re
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.db.models import Avg, Count, F, Min, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from geography.views import near_me_context
from la_network import forms, selectors, services
from la_network.models import (
    Application,
    CouncilContact,
    Endorsement,
    Membership,
    Requirement,
    WorkingGroupMember,
)
from la_network.workflow import APPLICATION, MEMBERSHIP, renewal_reminders
from sanctuary import ukmap
from sanctuary.audit import access_record
from sanctuary.errors import Refused
from sanctuary.exports import csv_response
from sanctuary.figures_cache import cached_figures
from sanctuary.geography import Nation, Region
from sanctuary.permissions import is_national_staff, staff_required
from sanctuary.uploads import private_file_response
from sanctuary.verification import certificate_lookup

PAGE_SIZE = 25


def _page(request, queryset, size: int = PAGE_SIZE):
    return Paginator(queryset, size).get_page(request.GET.get("page"))


# --- public register ------------------------------------------------------------------------


# A rough outline box around the UK for placing councils by latitude and longitude.
def _picture(day: dt.date) -> str:
    """The dot map, the regional chart and its table: drawn once a day or when membership changes."""

    def draw() -> str:
        counts = selectors.member_count_by_region(day)
        by_region = {
            row["local_authority__region"] or row["local_authority__nation"]: row["total"] for row in counts
        }
        biggest = max((row["total"] for row in counts), default=1)
        regions = [
            {
                "label": Region(row["local_authority__region"]).label
                if row["local_authority__region"]
                else Nation(row["local_authority__nation"]).label,
                "total": row["total"],
                "width": round(row["total"] / biggest * 200),
                "y": index * 24,
            }
            for index, row in enumerate(counts)
        ]
        points = [
            {"name": m.short_name, "xy": xy}
            for m in selectors.members_today(day)
            if (xy := ukmap.point(m.latitude, m.longitude))
        ]
        return render_to_string(
            "la_network/register.html#picture",
            {
                "regions": regions,
                "points": points,
                "map": ukmap.map_data(),
                "areas": ukmap.shaded_areas(by_region, show_counts=False),
                "chart_height": max(len(regions) * 24, 24),
            },
        )

    return cached_figures(selectors.MEMBERS_FIGURES, f"picture:{get_language()}:{day.isoformat()}", draw)


def _members_table(request, day: dt.date, nation: str, region: str) -> str:
    """One page of the member table, drawn once per filter and page number and cached with the
    figures. Only plain page numbers are cached (a few hundred keys at most); anything else is
    drawn each time, so visitors cannot fill the cache with keys of their own making."""

    def draw() -> str:
        members = [
            m
            for m in selectors.members_today(day)
            if (not nation or m.nation == nation) and (not region or m.region == region)
        ]
        query_string = urlencode({k: v for k, v in (("nation", nation), ("region", region)) if v})
        return render_to_string(
            "la_network/register.html#members",
            {"page_obj": _page(request, members), "query_string": query_string},
        )

    page_asked = request.GET.get("page") or "1"
    if not re.fullmatch(r"[0-9]{1,3}", page_asked):
        return draw()
    key = f"table:{get_language()}:{day.isoformat()}:{nation}:{region}:{int(page_asked)}"
    return cached_figures(selectors.MEMBERS_FIGURES, key, draw)


@login_not_required
@require_safe
def register(request):
    filters = forms.RegisterFilterForm(request.GET or None)
    nation = region = ""
    if filters.is_valid():
        nation, region = filters.cleaned_data["nation"], filters.cleaned_data["region"]
    today = timezone.localdate()
    return render(
        request,
        "la_network/register.html",
        {
            "nation": nation,
            "region": region,
            "nations": Nation.choices,
            "regions": Region.choices,
            "members_table": _members_table(request, today, nation, region),
            "picture": _picture(today),
            **near_me_context(request),
            "near_me_action": reverse("la_network:register"),
        },
    )


@login_not_required
@require_safe
def members_csv(request):
    rows = selectors.open_data_rows()
    return csv_response(
        filename="la-network-members.csv",
        header=selectors.OPEN_DATA_FIELDS,
        rows=([row[key] for key in selectors.OPEN_DATA_FIELDS] for row in rows),
        public=True,
    )


@login_not_required
@require_safe
def verify(request, code: str):
    """The public check of a certificate: is this term of membership real, and is it current?
    Found by the code on the certificate (never by its number); an unknown code answers 404."""
    membership = certificate_lookup(Membership.objects.select_related("local_authority"), code)
    state = MEMBERSHIP.state_of(membership) if membership else None
    return render(
        request,
        "la_network/verify.html",
        {"membership": membership, "state": state},
        status=200 if membership else 404,
    )


@login_not_required
@require_safe
def members_json(request):
    rows = selectors.open_data_rows()
    return JsonResponse(
        {
            "schema": "la-network-members/1",
            "fields": selectors.OPEN_DATA_FIELDS,
            "generated_on": timezone.localdate().isoformat(),
            "count": len(rows),
            "members": rows,
        }
    )


# --- applying -------------------------------------------------------------------------------


def apply(request):
    form = forms.StartForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        application = services.application_start(
            user=request.user,
            local_authority=form.cleaned_data["local_authority"],
            role=form.cleaned_data["role"],
            request=request,
        )
        return redirect("la_network:application", pk=application.pk)
    mine = (
        selectors.applications_visible_to(request.user)
        .filter(local_authority__contacts__user=request.user)
        .distinct()
        if not is_national_staff(request.user)
        else Application.objects.none()
    )
    memberships = (
        selectors.terms_in_force(request.user, timezone.localdate())
        if not is_national_staff(request.user)
        else Membership.objects.none()
    )
    return render(
        request,
        "la_network/apply.html",
        {
            "form": form,
            "page_obj": _page(request, mine),
            "memberships": memberships,
            "perms_staff": is_national_staff(request.user),
        },
    )


def _my_application(request, pk: int) -> Application:
    return get_object_or_404(selectors.applications_visible_to(request.user), pk=pk)


def _sections(application: Application, problems: dict) -> list[dict]:
    reviews = {r.requirement: r for r in application.reviews.all()}
    return [
        {
            "key": key,
            "label": label,
            "problems": problems.get(key, []),
            "review": reviews.get(key),
            "to_confirm": key in application.sections_to_confirm,
        }
        for key, label in Requirement.choices
    ]


def application(request, pk: int):
    application = _my_application(request, pk)
    problems = selectors.application_problems(application)
    return render(
        request,
        "la_network/application.html",
        {
            "application": application,
            "sections": _sections(application, problems),
            "problems": problems,
            "endorsements": application.endorsements.select_related("group"),
        },
    )


def application_section(request, pk: int, section: str):
    application = _my_application(request, pk)
    if section not in Requirement.values:
        raise Http404
    APPLICATION.check(application, "edit")
    form_class = forms.SECTION_FORMS[section]
    form = form_class(request.POST or None, request.FILES or None, instance=application)
    if request.method == "POST" and form.is_valid():
        values = {
            name: form.cleaned_data.get(name)
            for name in services.SECTION_FIELDS[section]
            if name in form.cleaned_data
        }
        services.application_section_save(
            application=application,
            section=section,
            values=values,
            actor=request.user,
            groups=form.cleaned_data.get("groups"),
            request=request,
        )
        messages.success(request, _("Saved."))
        return redirect("la_network:application", pk=pk)
    application.refresh_from_db()  # the form may have changed the instance in memory
    review = application.reviews.filter(requirement=section).first()
    return render(
        request,
        "la_network/section.html",
        {
            "application": application,
            "form": form,
            "section": section,
            "section_label": Requirement(section).label,
            "review": review,
            "to_confirm": section in application.sections_to_confirm,
        },
    )


def application_check(request, pk: int):
    application = _my_application(request, pk)
    problems = selectors.application_problems(application)
    if request.method == "POST":
        APPLICATION.check(application, "submit")
        try:
            services.application_submit(application=application, actor=request.user, request=request)
        except services.ApplicationIncomplete as exc:
            problems = exc.problems
        else:
            messages.success(request, _("Thank you: your application has been sent to the national team."))
            return redirect("la_network:application", pk=pk)
    return render(
        request,
        "la_network/check.html",
        {
            "application": application,
            "problems": problems,
            "sections": _sections(application, problems),
            "endorsements": application.endorsements.select_related("group"),
        },
        status=400 if request.method == "POST" else 200,
    )


@require_safe
def application_document(request, pk: int, kind: str):
    application = _my_application(request, pk)
    file = {"motion": application.motion_document, "strategy": application.strategy_document}.get(kind)
    if not file:
        raise Http404
    access_record(request=request, kind="download", obj=application)
    with file.open("rb") as handle:
        data = handle.read()
    return private_file_response(data, download_name=f"{kind}-{application.local_authority.code}.pdf")


# --- endorsements by group leads ------------------------------------------------------------


def endorsements(request):
    page_obj = _page(request, selectors.endorsements_for_lead(request.user).order_by("-requested_at"))
    return render(request, "la_network/endorsements.html", {"page_obj": page_obj})


def endorsement(request, pk: int):
    endorsement = get_object_or_404(selectors.endorsements_for_lead(request.user), pk=pk)
    decided = not APPLICATION.allowed(endorsement.application, "answer_endorsement")
    if request.method == "POST":
        APPLICATION.check(endorsement.application, "answer_endorsement")
    form = forms.EndorsementForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.endorsement_decide(
            endorsement=endorsement,
            actor=request.user,
            endorse=form.cleaned_data["decision"] == "endorse",
            statement=form.cleaned_data["statement"],
            request=request,
        )
        messages.success(request, _("Thank you: your answer has been recorded."))
        return redirect("la_network:endorsements")
    return render(
        request,
        "la_network/endorsement.html",
        {
            "endorsement": endorsement,
            "application": endorsement.application,
            "form": form,
            "decided": decided,
        },
        status=400 if request.method == "POST" else 200,
    )


# --- membership -----------------------------------------------------------------------------


def _my_membership(request, pk: int) -> Membership:
    return get_object_or_404(selectors.memberships_visible_to(request.user), pk=pk)


@require_POST
def membership_renew(request, pk: int):
    membership = _my_membership(request, pk)
    renewal = services.membership_renewal_start(membership=membership, actor=request.user, request=request)
    return redirect("la_network:application", pk=renewal.pk)


@require_safe
def certificate(request, pk: int):
    membership = _my_membership(request, pk)
    MEMBERSHIP.check(membership, "download_documents")
    access_record(request=request, kind="download", obj=membership)
    pdf = services.certificate_pdf(membership=membership)
    response = HttpResponse(pdf, content_type="application/pdf")
    name = f"la-network-{membership.local_authority.code}.pdf"
    response["Content-Disposition"] = content_disposition_header(True, name)
    return response


@require_safe
def logo(request, pk: int):
    membership = _my_membership(request, pk)
    MEMBERSHIP.check(membership, "download_documents")
    access_record(request=request, kind="download", obj=membership)
    from la_network.logos import STATIC_PATH

    kind = "png" if request.GET.get("format") == "png" else "svg"
    return private_file_response(
        STATIC_PATH.with_suffix(f".{kind}").read_bytes(),
        download_name=f"city-of-sanctuary-la-network-member.{kind}",
    )


def _member_area(request) -> None:
    if not (is_national_staff(request.user) or selectors.verified_member_contact(request.user)):
        raise Http404


@require_safe
def network(request):
    """Members' contacts for each other: the peer network."""
    _member_area(request)
    members = selectors.members_on()
    page_obj = _page(request, members)
    access_record(request=request, kind="list", object_type="la_network.membership")
    return render(request, "la_network/network.html", {"page_obj": page_obj})


def working_group(request):
    _member_area(request)
    staff = is_national_staff(request.user)
    form = forms.WorkingGroupMemberForm(request.POST or None) if staff else None
    if request.method == "POST":
        if not staff:
            raise Http404
        if form.is_valid():
            services.working_group_member_add(actor=request.user, request=request, **form.cleaned_data)
            messages.success(request, _("Added to the working group."))
            return redirect("la_network:working_group")
    people = WorkingGroupMember.objects.filter(left_on__isnull=True).select_related(
        "local_authority", "group"
    )
    return render(
        request,
        "la_network/working_group.html",
        {
            "page_obj": _page(request, people),
            "form": form,
            "is_staff": staff,
        },
        status=400 if request.method == "POST" else 200,
    )


@staff_required
@require_POST
def working_group_leave(request, pk: int):
    person = get_object_or_404(WorkingGroupMember, pk=pk, left_on__isnull=True)
    services.working_group_member_leave(person=person, actor=request.user, request=request)
    messages.success(request, _("Recorded as having left the working group."))
    return redirect("la_network:working_group")


# --- national staff -------------------------------------------------------------------------


@staff_required
@require_safe
def staff_dashboard(request):
    today = timezone.localdate()
    by_state = dict(Application.objects.order_by().values_list("status").annotate(n=Count("id")))
    waiting = Application.objects.filter(status__in=Application.AWAITING_STAFF).aggregate(
        oldest=Min("submitted_at"), average=Avg(timezone.now() - F("submitted_at"))
    )
    due = (
        Membership.objects.filter(
            status=Membership.Status.ACTIVE,
            ends_on__gte=today,
            ends_on__lte=renewal_reminders().horizon(today),
        )
        .select_related("local_authority")
        .order_by("ends_on")
    )
    lapsed = (
        Membership.objects.filter(
            status=Membership.Status.LAPSED, lapsed_on__gte=today - dt.timedelta(days=365)
        )
        .select_related("local_authority")
        .order_by("-lapsed_on")
    )
    states = [(value, label, by_state.get(value, 0)) for value, label in Application.Status.choices]
    return render(
        request,
        "la_network/staff_dashboard.html",
        {
            "states": states,
            "waiting": waiting,
            "due": due[:50],
            "lapsed": lapsed[:50],
            "today": today,
        },
    )


@staff_required
@require_safe
def review_list(request):
    status = request.GET.get("status", "")
    # A subquery rather than a join and GROUP BY: the paginator's count then reads one table.
    declined = (
        Endorsement.objects.filter(application=OuterRef("pk"), status=Endorsement.Status.DECLINED)
        .order_by()
        .values("application")
        .annotate(n=Count("pk"))
        .values("n")
    )
    # Only the columns the queue shows: an application row is wide, and building 25 full
    # instances with their councils cost more than the rest of the page.
    qs = (
        Application.objects.select_related("local_authority")
        .only("status", "submitted_at", "created_at", "renewal_of_id", "local_authority__short_name")
        .annotate(declined=Coalesce(Subquery(declined), 0))
        .order_by(F("submitted_at").asc(nulls_last=True), "-created_at")
    )
    if status in Application.Status.values:
        qs = qs.filter(status=status)
    return render(
        request,
        "la_network/review_list.html",
        {
            "page_obj": _page(request, qs),
            "status": status,
            "statuses": Application.Status.choices,
            "query_string": f"status={status}" if status else "",
        },
    )


def _review_context(application: Application, form: forms.ReviewForm | None = None) -> dict:
    problems = selectors.application_problems(application)
    form = form or forms.ReviewForm(application=application)
    sections = _sections(application, problems)
    for section in sections:
        section["fields"] = form.requirement_fields(section["key"])
    return {
        "application": application,
        "sections": sections,
        "problems": problems,
        "form": form,
        "missing": selectors.approval_missing(application),
        "endorsements": application.endorsements.select_related("group", "decided_by"),
        "contacts": CouncilContact.objects.filter(local_authority=application.local_authority).select_related(
            "user"
        ),
        "history": Membership.objects.filter(local_authority=application.local_authority).order_by(
            "-starts_on"
        )[:20],
    }


@staff_required
def review(request, pk: int):
    application = get_object_or_404(Application.objects.select_related("local_authority"), pk=pk)
    access_record(request=request, kind="view", obj=application)
    return render(request, "la_network/review.html", _review_context(application))


_DECISIONS = {
    "approve": lambda application, actor, reason, request: services.application_approve(
        application=application, actor=actor, reason=reason, request=request
    ),
    "changes": lambda application, actor, reason, request: services.application_request_changes(
        application=application, actor=actor, note=reason, request=request
    ),
    "decline": lambda application, actor, reason, request: services.application_decline(
        application=application, actor=actor, reason=reason, request=request
    ),
}


@staff_required
@require_POST
def review_decide(request, pk: int):
    """The review page's one form: the checks (and a waiver) are saved first, whatever happens
    to the decision, so nothing staff ticked is lost; then the decision, if one was asked for."""
    application = get_object_or_404(Application.objects.select_related("local_authority"), pk=pk)
    form = forms.ReviewForm(request.POST, application=application)
    posted_checks = any(key.endswith(("_verified", "_note")) or key == "action" for key in request.POST)
    if not form.has_fields or (posted_checks and not form.reviewing):
        # Checks or a decision for an application not under review: refused, never dropped.
        APPLICATION.check(application, "review")
    if form.is_valid():
        if form.reviewing:
            services.requirements_review_record(
                application=application, checks=form.checks(), actor=request.user, request=request
            )
        if waiver := (form.cleaned_data.get("waiver_reason") or "").strip():
            services.endorsement_waive(
                application=application, actor=request.user, reason=waiver, request=request
            )
        application.refresh_from_db()
        if form.intent != "decide":
            messages.success(request, _("Checks saved."))
            return redirect("la_network:review", pk=pk)
        decide = _DECISIONS[form.cleaned_data["action"]]
        try:
            decide(application, request.user, form.cleaned_data["reason"], request)
        except Refused as exc:
            form.add_error(None, exc)
            messages.info(request, _("Your checks were saved; the decision was not recorded."))
        else:
            messages.success(request, _("Decision recorded."))
            return redirect("la_network:review", pk=pk)
    return render(request, "la_network/review.html", _review_context(application, form), status=400)
