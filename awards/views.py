from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from allauth.account.decorators import reauthentication_required
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from awards import selectors, services
from awards.forms import (
    AnswerForm,
    CommitmentsForm,
    ConflictForm,
    DecisionForm,
    EndorsementForm,
    EvidenceRequestForm,
    HolderFilterForm,
    InterestForm,
    PanelAddForm,
    ReviewForm,
    StaffFilterForm,
    StartForm,
)
from awards.models import Application, Award, Criterion, Evidence, PanelMember, Stream
from awards.workflow import APPLICATION, REVIEW
from sanctuary import hooks
from sanctuary.audit import access_record
from sanctuary.errors import Refused
from sanctuary.exports import csv_response
from sanctuary.figures_cache import cached_figures
from sanctuary.i18n import localised
from sanctuary.permissions import is_national_staff, staff_required
from sanctuary.uploads import private_file_response
from sanctuary.verification import certificate_lookup

PAGE_SIZE = 25


def _errors(exc: ValidationError) -> list[str]:
    return list(exc.messages)


# --- Public ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class StreamPage:
    """What a stream's public page shows above its holders, rendered ahead."""

    pk: int
    slug: str
    name: str
    award_title: str
    about: str


def _stream_pages() -> dict[str, StreamPage]:
    """Every published stream's description, how to apply and criteria, by slug.

    Staff change these rarely and every visitor reads them, so they are rendered once and cached
    until a stream changes (STREAMS_TOPIC); by the day too, because windows open and close by date.
    """
    today = timezone.localdate()

    def render_all() -> dict[str, StreamPage]:
        pages = {}
        for stream in selectors.published_streams():
            about = render_to_string(
                "awards/stream.html#about",
                {
                    "stream": stream,
                    "criteria": selectors.criteria_by_principle(stream.criteria.all()),
                    "window_open": stream.window_open(today),
                },
            )
            pages[stream.slug] = StreamPage(
                stream.pk, stream.slug, localised(stream, "name"), localised(stream, "award_title"), about
            )
        return pages

    return cached_figures(selectors.STREAMS_TOPIC, f"pages:{today.isoformat()}", render_all)


@login_not_required
@require_safe
def index(request):
    def render_streams() -> str:
        streams = [
            (s, selectors.criteria_by_principle(s.criteria.all())) for s in selectors.published_streams()
        ]
        return render_to_string("awards/index.html#streams", {"streams": streams})

    streams_html = cached_figures(selectors.STREAMS_TOPIC, "index", render_streams)
    return render(request, "awards/index.html", {"streams_html": streams_html})


def _cached_page(request, *, items, topic: str, key: str, template: str, context: Callable[[], dict]) -> str:
    """One page of ``items`` rendered with ``template``, cached until ``topic`` changes.

    For lists that every visitor (or, with the person in ``key``, every visit of one person)
    sees alike: the database is asked again only after a service changes what the list shows.
    The first page is kept with the count, so the usual visit costs one cache read; another
    page is keyed by a number that exists (checked against that count), so made-up page numbers
    cannot fill the cache. ``context`` is called only when a page is rendered.
    """
    paginator = Paginator(items, PAGE_SIZE)

    def render_page(number: int) -> str:
        return render_to_string(template, {**context(), "page_obj": paginator.page(number)})

    def first() -> tuple[int, str]:
        return paginator.count, render_page(1)

    count, first_html = cached_figures(topic, f"{key}:first", first)
    paginator.count = count  # the cached count, not a query
    try:
        number = paginator.validate_number(request.GET.get("page", 1))
    except PageNotAnInteger:
        number = 1
    except EmptyPage:
        number = paginator.num_pages
    if number == 1:
        return first_html
    return cached_figures(topic, f"{key}:page:{number}", lambda: render_page(number))


@login_not_required
@require_safe
def stream_detail(request, slug):
    stream = _stream_pages().get(slug)
    if stream is None:
        raise Http404
    form = HolderFilterForm(request.GET or None)
    region = form.cleaned_data["region"] if form.is_valid() else ""
    today = timezone.localdate()
    holders_html = _cached_page(
        request,
        items=selectors.StreamHolders(stream_id=stream.pk, region=region, today=today),
        topic=selectors.HOLDERS_TOPIC,
        # By the day: an award stops being current on its expiry date without any write.
        key=f"stream:{stream.pk}:{region}:{today.isoformat()}",
        template="awards/stream.html#holders",
        context=lambda: {"stream": stream, "query_string": urlencode({"region": region}) if region else ""},
    )
    return render(
        request,
        "awards/stream.html",
        {
            "stream": stream,
            "regions": form.fields["region"].choices[1:],
            "region": region,
            "holders_html": holders_html,
            "sections": hooks.panels("stream_sections", stream, request.user),
        },
    )


@login_not_required
@require_safe
def verify(request, code):
    award = certificate_lookup(Award.objects.select_related("stream", "organisation"), code)
    status = 200 if award else 404
    return render(
        request,
        "awards/verify.html",
        {"award": award, "state": award.state() if award else None},
        status=status,
    )


# --- Applicants -----------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def apply_start(request, slug):
    stream = get_object_or_404(Stream, slug=slug, is_published=True)
    organisations = selectors.organisations_for(request.user)
    if not organisations.exists():
        return render(request, "awards/not_applicant.html", {"stream": stream}, status=403)
    if not stream.window_open():
        return redirect("awards:interest", slug=stream.slug)
    form = StartForm(request.POST or None, user=request.user, stream=stream, organisations=organisations)
    if request.method == "POST" and form.is_valid():
        try:
            application = services.application_start(
                stream=stream,
                organisation=form.cleaned_data["organisation"],
                user=request.user,
                group=form.cleaned_data["group"],
                request=request,
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            return redirect("awards:application", pk=application.pk)
    return render(request, "awards/apply_start.html", {"stream": stream, "form": form})


@require_http_methods(["GET", "POST"])
def interest(request, slug):
    stream = get_object_or_404(Stream, slug=slug, is_published=True)
    organisations = selectors.organisations_for(request.user)
    if not organisations.exists():
        return render(request, "awards/not_applicant.html", {"stream": stream}, status=403)
    form = InterestForm(request.POST or None, organisations=organisations)
    if request.method == "POST" and form.is_valid():
        try:
            services.interest_register(
                stream=stream,
                organisation=form.cleaned_data["organisation"],
                user=request.user,
                request=request,
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Thank you. We will tell you when applications open."))
            return redirect("awards:stream", slug=stream.slug)
    return render(request, "awards/interest.html", {"stream": stream, "form": form})


@require_safe
def application_list(request):
    applications = selectors.applications_visible_to(request.user).filter(
        organisation__contacts__user=request.user
    )
    awards = selectors.awards_visible_to(request.user).filter(
        organisation__contacts__user=request.user, status=Award.Status.CURRENT
    )
    page_obj = Paginator(applications, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "awards/application_list.html",
        {"page_obj": page_obj, "awards": awards[:50], "today": timezone.localdate()},
    )


def _application(request, pk) -> Application:
    return get_object_or_404(selectors.applications_visible_to(request.user), pk=pk)


def _own_application(request, pk) -> Application:
    """For changes: only the organisation's own contacts, not staff who can merely read it."""
    return get_object_or_404(
        selectors.applications_visible_to(request.user).filter(organisation__contacts__user=request.user),
        pk=pk,
    )


@require_safe
def application_detail(request, pk):
    application = _application(request, pk)
    access_record(request=request, kind="view", obj=application)
    return render(
        request,
        "awards/application.html",
        {
            "application": application,
            "rows": selectors.task_list(application),
            "missing": services.missing_criteria(application)
            if APPLICATION.allowed(application, "submit")
            else [],
            "evidence_requests": application.evidence_requests.all(),
            "award": Award.objects.filter(application=application).first(),
            "is_staff": is_national_staff(request.user),
            "sections": hooks.panels("stream_sections", application.stream, request.user),
        },
    )


@require_http_methods(["GET", "POST"])
def answer_edit(request, pk, criterion_id):
    application = _own_application(request, pk)
    criterion = get_object_or_404(Criterion, pk=criterion_id, stream=application.stream)
    answer = application.answers.filter(criterion=criterion).prefetch_related("evidence").first()
    editable = APPLICATION.allowed(application, "edit_answers") and (
        application.status == Application.Status.DRAFT or (answer is not None and answer.reopened)
    )
    initial = (
        {"account": answer.account, "links": answer.links, "complete": answer.complete} if answer else {}
    )
    form = AnswerForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST":
        APPLICATION.check(application, "edit_answers")
        if not editable:
            raise Refused(_("Only the criteria the panel reopened can be changed."))
        if form.is_valid():
            try:
                services.answer_save(
                    application=application,
                    criterion=criterion,
                    user=request.user,
                    account=form.cleaned_data["account"],
                    links=form.cleaned_data["links"],
                    complete=form.cleaned_data["complete"],
                    upload=form.cleaned_data.get("evidence"),
                    request=request,
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("Saved."))
                if "add_file" in request.POST or form.cleaned_data.get("evidence"):
                    return redirect("awards:answer", pk=application.pk, criterion_id=criterion.pk)
                return redirect("awards:application", pk=application.pk)
    return render(
        request,
        "awards/answer.html",
        {
            "application": application,
            "criterion": criterion,
            "answer": answer,
            "form": form,
            "editable": editable,
        },
    )


@require_http_methods(["GET", "POST"])
def commitments_edit(request, pk):
    application = _own_application(request, pk)
    APPLICATION.check(application, "edit_commitments")
    form = CommitmentsForm(request.POST or None, initial={"commitments": application.commitments})
    if request.method == "POST" and form.is_valid():
        services.commitments_save(
            application=application,
            user=request.user,
            commitments=form.cleaned_data["commitments"],
            request=request,
        )
        messages.success(request, _("Saved."))
        return redirect("awards:application", pk=application.pk)
    return render(request, "awards/commitments.html", {"application": application, "form": form})


@require_POST
def evidence_delete(request, pk, evidence_id):
    application = _own_application(request, pk)
    evidence = get_object_or_404(
        Evidence.objects.select_related("answer__application"),
        pk=evidence_id,
        answer__application=application,
    )
    try:
        services.evidence_delete(evidence=evidence, user=request.user, request=request)
    except ValidationError as exc:
        messages.error(request, " ".join(_errors(exc)))
    return redirect("awards:answer", pk=application.pk, criterion_id=evidence.answer.criterion_id)


@require_safe
def evidence_download(request, pk, evidence_id):
    """Applicants, staff, and members of the application's panel without a conflict."""
    evidence = get_object_or_404(
        Evidence.objects.select_related("answer__application"), pk=evidence_id, answer__application_id=pk
    )
    allowed = selectors.applications_visible_to(request.user).filter(pk=pk).exists() or (
        selectors.panels_for(request.user)
        .filter(application_id=pk, conflict=PanelMember.Conflict.NONE)
        .exists()
    )
    if not allowed:
        raise Http404
    access_record(request=request, kind="download", obj=evidence)
    return private_file_response(evidence.file.open("rb"), download_name=evidence.original_name)


@require_http_methods(["GET", "POST"])
def application_check(request, pk):
    application = _own_application(request, pk)
    if request.method == "GET" and not APPLICATION.allowed(application, "submit"):
        return redirect("awards:application", pk=application.pk)
    missing = services.missing_criteria(application)
    errors: list[str] = []
    if request.method == "POST":
        try:
            services.application_submit(application=application, user=request.user, request=request)
        except ValidationError as exc:
            errors = _errors(exc)
        else:
            messages.success(request, _("Your application has been submitted."))
            return redirect("awards:application", pk=application.pk)
    return render(
        request,
        "awards/check.html",
        {
            "application": application,
            "rows": selectors.task_list(application),
            "missing": missing,
            "errors": errors,
        },
    )


@require_http_methods(["GET", "POST"])
def application_withdraw(request, pk):
    application = _own_application(request, pk)
    APPLICATION.check(application, "withdraw")
    if request.method == "POST":
        services.application_withdraw(application=application, user=request.user, request=request)
        messages.success(request, _("The application has been withdrawn."))
        return redirect("awards:application", pk=application.pk)
    return render(request, "awards/withdraw.html", {"application": application})


@require_POST
def reaccredit(request, pk):
    award = get_object_or_404(
        selectors.awards_visible_to(request.user).filter(organisation__contacts__user=request.user), pk=pk
    )
    try:
        application = services.application_start(
            stream=award.stream,
            organisation=award.organisation,
            user=request.user,
            group=award.application.group,
            previous_award=award,
            request=request,
        )
    except ValidationError as exc:
        messages.error(request, " ".join(_errors(exc)))
        return redirect("awards:application_list")
    return redirect("awards:application", pk=application.pk)


@require_safe
def certificate(request, pk):
    award = get_object_or_404(selectors.awards_visible_to(request.user), pk=pk)
    access_record(request=request, kind="download", obj=award)
    # Made when the award was, by a task; if the broker was down then, made now, once.
    pdf = services.certificate_pdf(award_id=award.pk)
    return private_file_response(pdf, download_name=f"{award.number}.pdf")


@require_safe
def logo(request, pk):
    """Only a current holder may download the logo."""
    award = get_object_or_404(selectors.awards_visible_to(request.user), pk=pk)
    if not award.is_current():
        raise Http404
    from awards.logos import stream_logo

    kind = "png" if request.GET.get("format") == "png" else "svg"
    return private_file_response(
        stream_logo(award.stream, kind), download_name=f"{award.stream.slug}-of-sanctuary.{kind}"
    )


# --- Local group leads ----------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def endorsement(request, pk):
    item = get_object_or_404(selectors.endorsements_for(request.user), pk=pk)
    form = EndorsementForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.endorsement_respond(
                endorsement=item,
                user=request.user,
                endorse=form.cleaned_data["decision"] == "endorse",
                comment=form.cleaned_data["comment"],
                request=request,
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Thank you: your response will be shown to the panel."))
            return redirect("dashboard")
    return render(
        request,
        "awards/endorsement.html",
        {
            "endorsement": item,
            "application": item.application,
            "form": form,
            "rows": selectors.task_list(item.application),
        },
    )


# --- Reviewers ------------------------------------------------------------------------------


@require_safe
def review_list(request):
    # Keyed by the person: only they reach this key.
    panels_html = _cached_page(
        request,
        items=selectors.panels_for(request.user).order_by("-added_at", "pk"),
        topic=selectors.APPLICATIONS_TOPIC,
        key=f"review-list:{request.user.pk}",
        template="awards/review_list.html#panels",
        context=dict,
    )
    return render(request, "awards/review_list.html", {"panels_html": panels_html})


@require_http_methods(["GET", "POST"])
def review(request, pk):
    member = get_object_or_404(selectors.panels_for(request.user), pk=pk)
    application = member.application
    if member.conflict == PanelMember.Conflict.UNDECLARED:
        form = ConflictForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            services.conflict_declare(
                member=member, has_conflict=form.cleaned_data["has_conflict"], request=request
            )
            return redirect("awards:review", pk=member.pk)
        return render(request, "awards/review_conflict.html", {"member": member, "form": form})
    if member.conflict == PanelMember.Conflict.DECLARED:
        return render(request, "awards/review_conflicted.html", {"member": member})
    access_record(request=request, kind="view", obj=application)
    answers = list(application.answers.select_related("criterion").prefetch_related("evidence"))
    visible = list(selectors.reviews_visible_to(member))
    mine = {r.answer_id: r for r in visible if r.member_id == member.pk}
    others: dict[int, list] = {}
    for r in visible:
        if r.member_id != member.pk:
            others.setdefault(r.answer_id, []).append(r)
    form = ReviewForm(request.POST or None, answers=answers, existing=mine)
    can_review = application.status == Application.Status.IN_REVIEW and REVIEW.allowed(member, "write")
    if request.method == "POST":
        services.check_can_review(member)  # a locked review is refused, saying why
    if request.method == "POST" and form.is_valid():
        try:
            services.review_save(
                member=member, outcomes=form.outcomes(), submit="submit" in request.POST, request=request
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Your review has been saved."))
            return redirect("awards:review", pk=member.pk)
    endorsement = getattr(application, "endorsement", None)
    return render(
        request,
        "awards/review.html",
        {
            "member": member,
            "application": application,
            "form": form,
            "can_review": can_review,
            "rows": [
                (a, outcome, comment, others.get(a.pk, []), mine.get(a.pk))
                for a, outcome, comment in form.rows()
            ],
            "endorsement": endorsement,
        },
    )


# --- National staff -------------------------------------------------------------------------


@staff_required
@require_safe
def staff_overview(request):
    # National figures over every application and span: the same for all staff, cached until an
    # application, panel or review changes (an award is made only with a decision), and by the
    # day, since overdue reviews and expiring awards are counted from today.
    today = timezone.localdate()
    figures_html = cached_figures(
        selectors.APPLICATIONS_TOPIC,
        f"overview:{today.isoformat()}",
        lambda: render_to_string("awards/staff_overview.html#figures", selectors.staff_overview(today)),
    )
    return render(request, "awards/staff_overview.html", {"figures_html": figures_html})


@staff_required
@require_safe
def staff_applications(request):
    access_record(request=request, kind="list", object_type="awards.application")
    filters = {}
    if request.GET.keys() & {"stream", "status"}:
        form = StaffFilterForm(request.GET)
        filters = {k: v for k, v in form.cleaned_data.items() if v} if form.is_valid() else {}
    stream, status = filters.get("stream", ""), filters.get("status", "")

    def context() -> dict:
        form = StaffFilterForm()
        return {
            "streams": form.fields["stream"].choices[1:],
            "statuses": form.fields["status"].choices[1:],
            "filters": filters,
            "query_string": urlencode(filters),
        }

    # The same for every member of staff, and only staff reach this view; the filters (checked
    # by the form) and the page are in the key.
    queue_html = _cached_page(
        request,
        items=selectors.staff_applications(stream=stream, status=status),
        topic=selectors.APPLICATIONS_TOPIC,
        key=f"staff-queue:{stream}:{status}",
        template="awards/staff_applications.html#queue",
        context=context,
    )
    return render(request, "awards/staff_applications.html", {"queue_html": queue_html})


@staff_required
@reauthentication_required
@require_safe
def staff_export(request):
    access_record(request=request, kind="export", object_type="awards.application")
    return csv_response(
        filename="award-applications.csv",
        header=[
            "id",
            "stream",
            "organisation",
            "region",
            "state",
            "started",
            "submitted",
            "state_since",
            "decided",
            "panel_members",
            "reviews_submitted",
        ],
        rows=(
            [
                a.pk,
                a.stream.name,
                a.organisation.name,
                a.organisation.region,
                a.status,
                a.created_at,
                a.submitted_at,
                a.status_changed_at,
                a.decided_at,
                a.panel_size,
                a.reviews_in,
            ]
            for a in selectors.staff_applications().iterator(chunk_size=500)
        ),
    )


@staff_required
@require_http_methods(["GET", "POST"])
def staff_application(request, pk):
    application = get_object_or_404(
        Application.objects.select_related("stream", "organisation", "group"), pk=pk
    )
    access_record(request=request, kind="view", obj=application)
    add_form = PanelAddForm(request.POST if "add_member" in request.POST else None, application=application)
    evidence_form = EvidenceRequestForm(
        request.POST if "request_evidence" in request.POST else None, application=application
    )
    decision_form = DecisionForm(request.POST if "decide" in request.POST else None, application=application)
    errors: list[str] = []
    if request.method == "POST":
        done = False
        try:
            if "add_member" in request.POST and add_form.is_valid():
                services.panel_member_add(
                    application=application,
                    assessor=add_form.cleaned_data["assessor"],
                    actor=request.user,
                    request=request,
                )
                done = True
            elif "remove_member" in request.POST:
                member_id = request.POST.get("remove_member", "")
                member = get_object_or_404(application.panel, pk=int(member_id) if member_id.isdigit() else 0)
                services.panel_member_remove(member=member, actor=request.user, request=request)
                done = True
            elif "reopen_review" in request.POST:
                member_id = request.POST.get("reopen_review", "")
                member = get_object_or_404(application.panel, pk=int(member_id) if member_id.isdigit() else 0)
                reason = request.POST.get("reopen_reason", "").strip()
                if not reason:
                    raise ValidationError(_("Say why the review is reopened: its author will read it."))
                services.review_reopen(member=member, reason=reason, actor=request.user, request=request)
                messages.success(request, _("The review is reopened and its author has been told."))
                done = True
            elif "start_review" in request.POST:
                services.review_start(application=application, actor=request.user, request=request)
                done = True
            elif "remind" in request.POST:
                count = services.reviewers_remind(
                    application=application, actor=request.user, request=request
                )
                messages.success(request, _("Reminders queued for %(n)s reviewers.") % {"n": count})
                done = True
            elif "request_evidence" in request.POST and evidence_form.is_valid():
                services.evidence_request(
                    application=application,
                    answers=list(evidence_form.cleaned_data["answers"]),
                    note=evidence_form.cleaned_data["note"],
                    due_on=evidence_form.cleaned_data["due_on"],
                    actor=request.user,
                    request=request,
                )
                done = True
            elif "decide" in request.POST and decision_form.is_valid():
                services.application_decide(
                    application=application,
                    awarded=decision_form.cleaned_data["outcome"] == "awarded",
                    feedback=decision_form.cleaned_data["feedback"],
                    actor=request.user,
                    request=request,
                )
                done = True
        except ValidationError as exc:
            errors = _errors(exc)
        if done:
            return redirect("awards:staff_application", pk=application.pk)
    panel = list(application.panel.select_related("assessor__assessor_profile"))
    reviews = list(selectors.submitted_reviews(application))
    return render(
        request,
        "awards/staff_application.html",
        {
            "application": application,
            "panel": panel,
            "problems": services.panel_problems(application),
            "add_form": add_form,
            "evidence_form": evidence_form,
            "decision_form": decision_form,
            "errors": errors,
            "reviews": reviews,
            "rows": selectors.task_list(application),
            "endorsement": getattr(application, "endorsement", None),
            "award": Award.objects.filter(application=application).first(),
            "back": reverse("awards:staff_applications"),
        },
    )
