from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from events import calendar, selectors, services
from events.forms import EventForm, WhatsOnFilter
from events.models import Event
from events.workflow import EVENT
from groups.forms import ActivityForm
from groups.models import Activity
from groups.selectors import public_groups, workspace_group_or_404
from sanctuary.confirm import confirmation_required
from sanctuary.errors import Refused

PAGE_SIZE = 20


def _page(request, queryset):
    return Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))


# --- Public pages and calendars -------------------------------------------------------------------


@login_not_required
@require_safe
def whats_on(request):
    filters = WhatsOnFilter(request.GET or None)
    values = filters.values() if request.GET else {}
    chosen = {name: value for name, value in values.items() if value}
    page_obj = _page(request, selectors.public_upcoming_events(**chosen))
    return render(
        request,
        "events/whats_on.html",
        {
            "filters": filters,
            "page_obj": page_obj,
            "query_string": urlencode({name: str(value) for name, value in chosen.items()}),
            "filtered": bool(chosen),
        },
    )


@login_not_required
@require_safe
def event_detail(request, pk):
    event = get_object_or_404(selectors.public_events(), pk=pk)
    return render(
        request,
        "events/event_detail.html",
        {"event": event, "has_ended": event.has_ended(), "group": event.group},
    )


@login_not_required
@require_safe
def event_ics(request, pk):
    event = get_object_or_404(selectors.public_events(), pk=pk)
    cal = calendar.calendar([event], name=event.title)
    return calendar.calendar_response(request, cal, filename=f"event-{event.pk}.ics", download=True)


@login_not_required
@require_safe
def network_calendar(request):
    cal = calendar.calendar(
        selectors.calendar_events(),
        name=_("City of Sanctuary events"),
        description=_("Events of local City of Sanctuary groups across the UK."),
    )
    return calendar.calendar_response(request, cal, filename="city-of-sanctuary-events.ics")


@login_not_required
@require_safe
def group_calendar(request, slug):
    group = get_object_or_404(public_groups(), slug=slug)
    cal = calendar.calendar(
        selectors.calendar_events(group=group),
        name=_("%(group)s events") % {"group": group.name},
    )
    return calendar.calendar_response(request, cal, filename=f"{group.slug}-events.ics")


# --- The lead's pages -----------------------------------------------------------------------------


def _group_event(request, slug, pk) -> tuple:
    group = workspace_group_or_404(request.user, slug)
    return group, get_object_or_404(Event.objects.select_related("group"), group=group, pk=pk)


@never_cache
@require_safe
def manage(request, slug):
    group = workspace_group_or_404(request.user, slug)
    events = group.events.select_related("activity").order_by("-starts_at", "-pk")
    page_obj = _page(request, events)
    now = timezone.now()
    rows = [(event, EVENT.allowed_actions(event), event.has_ended(now)) for event in page_obj]
    return render(request, "events/manage.html", {"group": group, "page_obj": page_obj, "rows": rows})


def event_create(request, slug):
    group = workspace_group_or_404(request.user, slug)
    form = EventForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            event = services.event_create(group=group, actor=request.user, data=form.event_data())
        except Refused as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Event published: it is on the group's page and in What's on."))
            return redirect("events:detail", pk=event.pk)
    return render(request, "events/event_form.html", {"group": group, "form": form, "event": None})


def event_edit(request, slug, pk):
    group, event = _group_event(request, slug, pk)
    form = EventForm(request.POST or None, event=event)
    if request.method == "POST" and form.is_valid():
        try:
            services.event_update(event=event, actor=request.user, data=form.event_data())
        except Refused as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Event updated. Calendars that subscribe will show the change."))
            return redirect("events:detail", pk=event.pk)
    return render(request, "events/event_form.html", {"group": group, "form": form, "event": event})


@require_http_methods(["GET", "POST"])
def event_cancel(request, slug, pk):
    group, event = _group_event(request, slug, pk)
    if response := confirmation_required(
        request,
        title=_("Cancel “%(title)s”?") % {"title": event.title},
        consequence=_(
            "The event will stay listed, marked as cancelled, and calendars that subscribe to it "
            "will show it as cancelled. This cannot be undone."
        ),
        confirm_label=_("Yes, cancel the event"),
        cancel_label=_("No, keep it"),
        cancel_url=reverse("events:manage", args=[group.slug]),
    ):
        return response
    try:
        services.event_cancel(event=event, actor=request.user)
    except Refused as exc:
        messages.error(request, exc.text)
    else:
        messages.success(request, _("The event is cancelled."))
    return redirect("events:manage", slug=group.slug)


def event_record(request, slug, pk):
    """Record a past event as an activity: the activity form, filled in from the event."""
    group, event = _group_event(request, slug, pk)
    if not EVENT.allowed(event, "record_activity"):
        messages.info(request, EVENT.transitions["record_activity"].refusal_for(EVENT.state_of(event)))
        return redirect("events:manage", slug=group.slug)
    initial = {
        "date": event.local_start.date(),
        "kind": Activity.Kind.EVENT,
        "title": event.title,
        "description": event.description,
    }
    form = ActivityForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.event_activity_record(event=event, actor=request.user, data=form.cleaned_data)
        except Refused as exc:
            messages.info(request, exc.text)
        else:
            messages.success(request, _("Recorded in the group's activities."))
        return redirect("events:manage", slug=group.slug)
    return render(request, "events/event_record.html", {"group": group, "event": event, "form": form})
