from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from groups.selectors import groups_led_by
from resources import selectors, services
from resources.forms import DeclineForm, LibraryFilterForm, ResourceForm, SuggestionForm
from resources.models import Resource, Suggestion
from resources.workflow import RESOURCE
from sanctuary.confirm import confirmation_required
from sanctuary.errors import Refused
from sanctuary.permissions import is_national_staff, staff_required
from sanctuary.uploads import private_file_response

PAGE_SIZE = 20


def _page(request, items, size: int | None = None):
    return Paginator(items, size or PAGE_SIZE).get_page(request.GET.get("page"))


# --- The public library -----------------------------------------------------------------------


@login_not_required
@require_safe
def library(request):
    form = LibraryFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    q = (filters.get("q") or "").strip()
    stream, topic = filters.get("stream"), filters.get("topic")
    page_obj = _page(request, selectors.library(request.user, q=q, stream=stream, topic=topic))
    query = {
        k: v for k, v in (("q", q), ("stream", stream and stream.slug), ("topic", topic and topic.slug)) if v
    }
    return render(
        request,
        "resources/library.html",
        {
            "form": form,
            "page_obj": page_obj,
            "query_string": urlencode(query),
            "filtered": bool(query),
            "signed_in": request.user.is_authenticated,
            "is_staff": is_national_staff(request.user),
            "can_suggest": request.user.is_authenticated and groups_led_by(request.user).exists(),
        },
    )


def _visible(request, pk: int) -> Resource:
    """The resource if ``request.user`` may see it; 404 otherwise (a members-only resource does
    not reveal itself to a visitor)."""
    return get_object_or_404(selectors.with_labels(selectors.visible_to(request.user)), pk=pk)


@login_not_required
@require_safe
def detail(request, pk):
    resource = _visible(request, pk)
    return render(
        request,
        "resources/detail.html",
        {"resource": resource, "is_staff": is_national_staff(request.user), "today": timezone.localdate()},
    )


@login_not_required
@require_safe
def download(request, pk):
    resource = get_object_or_404(selectors.visible_to(request.user).exclude(file=""), pk=pk)
    return private_file_response(resource.file.open("rb"), download_name=resource.original_name or "resource")


@require_http_methods(["GET", "POST"])
def suggest(request):
    if not groups_led_by(request.user).exists():
        raise Http404
    form = SuggestionForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.suggestion_make(
                user=request.user,
                title=data["title"],
                summary=data["summary"],
                url=data["url"],
                upload=data["upload"] or None,
                request=request,
            )
        except Refused as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request, _("Thank you: national staff will look at your suggestion and email you.")
            )
            return redirect("resources:library")
    return render(request, "resources/suggest.html", {"form": form})


# --- Staff curation ---------------------------------------------------------------------------


@staff_required
@require_safe
def staff_list(request):
    status = request.GET.get("status", "")
    if status not in Resource.Status.values:
        status = ""
    review_due = request.GET.get("review") == "due"
    today = timezone.localdate()
    page_obj = _page(request, selectors.staff_list(status=status, review_due=review_due, today=today))
    query = {k: v for k, v in (("status", status), ("review", "due" if review_due else "")) if v}
    return render(
        request,
        "resources/staff/list.html",
        {
            "page_obj": page_obj,
            "status": status,
            "statuses": Resource.Status.choices,
            "review_due": review_due,
            "today": today,
            "query_string": urlencode(query),
            "pending_suggestions": selectors.suggestion_queue().count(),
            "broken_links": selectors.broken_links().count(),
        },
    )


@staff_required
@require_http_methods(["GET", "POST"])
def staff_create(request):
    form = ResourceForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            resource = services.resource_create(actor=request.user, request=request, **form.service_kwargs())
        except Refused as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The resource is in the library."))
            return redirect("resources:detail", pk=resource.pk)
    return render(request, "resources/staff/form.html", {"form": form, "resource": None})


@staff_required
@require_http_methods(["GET", "POST"])
def staff_edit(request, pk):
    resource = get_object_or_404(Resource, pk=pk)
    form = ResourceForm(request.POST or None, request.FILES or None, resource=resource)
    if request.method == "POST" and form.is_valid():
        try:
            services.resource_update(
                resource=resource, actor=request.user, request=request, **form.service_kwargs()
            )
        except Refused as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The resource has been saved."))
            return redirect("resources:detail", pk=resource.pk)
    return render(request, "resources/staff/form.html", {"form": form, "resource": resource})


@staff_required
@require_http_methods(["GET", "POST"])
def staff_archive(request, pk):
    resource = get_object_or_404(Resource, pk=pk)
    if response := confirmation_required(
        request,
        title=_("Archive “%(title)s”?") % {"title": resource.title},
        consequence=_(
            "It leaves the library and the award stream packs at once. Staff can still see it and restore it."
        ),
        cancel_url=reverse("resources:detail", args=[resource.pk]),
    ):
        return response
    services.resource_archive(resource=resource, actor=request.user, request=request)
    messages.success(request, _("The resource has been archived."))
    return redirect("resources:staff_list")


@staff_required
@require_POST
def staff_restore(request, pk):
    resource = get_object_or_404(Resource, pk=pk)
    services.resource_restore(resource=resource, actor=request.user, request=request)
    messages.success(request, _("The resource is back in the library."))
    return redirect("resources:detail", pk=resource.pk)


@staff_required
@require_http_methods(["GET", "POST"])
def staff_delete(request, pk):
    resource = get_object_or_404(Resource, pk=pk)
    RESOURCE.check(resource, "delete")
    if response := confirmation_required(
        request,
        title=_("Delete “%(title)s” for good?") % {"title": resource.title},
        consequence=_("The resource and its file are deleted. This cannot be undone."),
        cancel_url=reverse("resources:detail", args=[resource.pk]),
    ):
        return response
    services.resource_delete(resource=resource, actor=request.user, request=request)
    messages.success(request, _("The resource has been deleted."))
    return redirect("resources:staff_list")


@staff_required
@require_safe
def broken_links(request):
    return render(
        request, "resources/staff/links.html", {"page_obj": _page(request, selectors.broken_links(), 50)}
    )


@staff_required
@require_safe
def suggestion_list(request):
    status = request.GET.get("status") or Suggestion.Status.PENDING
    if status not in Suggestion.Status.values:
        status = Suggestion.Status.PENDING
    return render(
        request,
        "resources/staff/suggestions.html",
        {
            "page_obj": _page(request, selectors.suggestion_queue(status)),
            "status": status,
            "statuses": Suggestion.Status.choices,
            "query_string": urlencode({"status": status}),
        },
    )


def _suggestion_page(request, suggestion, form, decline_form, status=200):
    return render(
        request,
        "resources/staff/suggestion.html",
        {"suggestion": suggestion, "form": form, "decline_form": decline_form},
        status=status,
    )


@staff_required
@require_http_methods(["GET", "POST"])
def suggestion_review(request, pk):
    """The suggestion, with the resource form filled from it: approving publishes what the form says."""
    suggestion = get_object_or_404(Suggestion.objects.select_related("suggested_by", "resource"), pk=pk)
    initial = {"title": suggestion.title, "summary": suggestion.summary, "url": suggestion.url}
    form = ResourceForm(request.POST or None, request.FILES or None, initial=initial)
    # The suggestion's own file is used when staff upload nothing else.
    form.existing_file = bool(suggestion.file)
    if request.method == "POST" and form.is_valid():
        try:
            resource = services.suggestion_approve(
                suggestion=suggestion, actor=request.user, request=request, **form.service_kwargs()
            )
        except Refused as exc:
            form.add_error(None, exc)
            suggestion.refresh_from_db()
            return _suggestion_page(request, suggestion, form, DeclineForm(), status=409)
        messages.success(
            request, _("Approved: the resource is in the library and the suggester has been told.")
        )
        return redirect("resources:detail", pk=resource.pk)
    return _suggestion_page(request, suggestion, form, DeclineForm())


@staff_required
@require_safe
def suggestion_file(request, pk):
    """The file a lead suggested, for staff to read before deciding."""
    suggestion = get_object_or_404(Suggestion.objects.exclude(file=""), pk=pk)
    return private_file_response(
        suggestion.file.open("rb"), download_name=suggestion.original_name or "suggestion"
    )


@staff_required
@require_POST
def suggestion_decline(request, pk):
    suggestion = get_object_or_404(Suggestion.objects.select_related("suggested_by", "resource"), pk=pk)
    decline_form = DeclineForm(request.POST)
    if decline_form.is_valid():
        try:
            services.suggestion_decline(
                suggestion=suggestion,
                actor=request.user,
                reason=decline_form.cleaned_data["reason"],
                request=request,
            )
        except Refused as exc:
            decline_form.add_error(None, exc)
            suggestion.refresh_from_db()
        else:
            messages.success(request, _("Declined: the suggester has been told why."))
            return redirect("resources:suggestions")
    initial = {"title": suggestion.title, "summary": suggestion.summary, "url": suggestion.url}
    return _suggestion_page(request, suggestion, ResourceForm(initial=initial), decline_form, status=400)
