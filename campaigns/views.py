from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePath
from urllib.parse import urlencode

from allauth.account.decorators import reauthentication_required
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Case, Value, When
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from campaigns import charts, schema, selectors, services, tokens
from campaigns.forms import (
    DETAIL_PREFIX,
    ActionForm,
    ConfirmForm,
    DashboardFilterForm,
    MPLookupForm,
    OutcomeForm,
    PledgeForm,
    ProgressForm,
)
from campaigns.models import Action, ActionType, Campaign, PledgeSignature, ProgressStep, SupporterPreference
from campaigns.workflow import ACTION, CAMPAIGN
from geography.postcodes import postcode_parse
from geography.selectors import mp_lookup
from groups.models import Group
from sanctuary import ratelimit
from sanctuary.audit import access_record, client_ip
from sanctuary.confirm import confirmation_required
from sanctuary.exports import csv_response
from sanctuary.figures_cache import cached_figures
from sanctuary.i18n import localised, localised_expression
from sanctuary.permissions import staff_required
from sanctuary.rights import after_withdrawal_url, link_problem, withdraw_or_correct
from sanctuary.unsubscribe import unsubscribe_token
from sanctuary.uploads import private_file_response

PAGE_SIZE = 20


def _page(request, qs, size: int = PAGE_SIZE):
    return Paginator(qs, size).get_page(request.GET.get("page"))


class CountedPaginator(Paginator):
    """A paginator told how many rows there are, when that is cached already."""

    def __init__(self, object_list, per_page: int, *, count: int):
        super().__init__(object_list, per_page)
        self._count = count

    @property
    def count(self) -> int:
        return self._count


def _charts(figures: selectors.Figures) -> dict:
    # Django's date formats, not strftime: the month names follow the reader's language.
    fmt = "M Y" if figures.period == "month" else "d M Y"
    return {
        "over_time": charts.column_chart(
            _("Actions by month") if figures.period == "month" else _("Actions by week"),
            [(date_format(day, fmt), n) for day, n in figures.over_time],
        ),
        "by_type": charts.bar_chart(_("Actions by type"), figures.by_type),
        "by_nation": charts.bar_chart(_("Actions by nation"), figures.by_nation),
        "by_region": charts.bar_chart(_("Actions by region"), figures.by_region),
    }


# Part of every cached key below: change it whenever FiguresBlock, CampaignSummary, the
# dataclasses they hold or the figures template change, so a deployment never reads a value
# cached by the code it replaced.
CACHE_LAYOUT = "1"


@dataclass(frozen=True)
class FiguresBlock:
    figures: selectors.Figures
    html: str


def _compute_block(filters: selectors.Filters, *, breakdown: bool) -> FiguresBlock:
    qs = filters.apply(Action.objects.all())
    figures = selectors.figures(qs)
    context = {
        "figures": figures,
        "charts": _charts(figures),
        "rates": figures.rates,
        "breakdown": selectors.outcome_rates_by_breakdown(qs) if breakdown else None,
        "breakdown_limit": selectors.BREAKDOWN_LIMIT,
    }
    return FiguresBlock(figures, render_to_string("campaigns/includes/figures.html", context))


def _figures_block(filters: selectors.Filters) -> FiguresBlock:
    """The figures of the matching actions, with outcome rates by place, and their charts and
    tables already drawn, cached until something changes (``selectors.FIGURES_TOPIC``).

    Aggregating tens of thousands of rows, and drawing four charts with their tables, cost far
    more than the rest of a page. The key names every filter; nothing in the block depends on
    who is looking, and callers check access first.
    """
    return cached_figures(
        selectors.FIGURES_TOPIC,
        f"{CACHE_LAYOUT}:block:{filters.cache_key()}",
        lambda: _compute_block(filters, breakdown=True),
    )


@dataclass(frozen=True)
class CampaignSummary:
    """What a campaign's public page shows besides the campaign itself, cached as one value."""

    block: FiguresBlock
    action_types: list[str]
    pledges: int
    feed_html: str  # the first page of the public feed, what most visitors read


def _feed_html(rows) -> str:
    return render_to_string("campaigns/detail.html#feed", {"feed": selectors.feed_items(rows)})


def _campaign_summary(campaign: Campaign) -> CampaignSummary:
    """Cached until an action, pledge or the campaign's set-up changes (``FIGURES_TOPIC``).

    The public page is the busiest: one cache read replaces the figures, the list of action
    types, the pledge count and the first page of the feed. A name changed outside a service (an
    account renamed or deleted) shows in the feed within the cache timeout at the latest.
    """

    def compute() -> CampaignSummary:
        return CampaignSummary(
            block=_compute_block(selectors.Filters(campaign=campaign), breakdown=False),
            action_types=list(campaign.action_types.values_list(localised_expression("name"), flat=True)),
            pledges=selectors.pledge_count(campaign) if campaign.has_pledge else 0,
            feed_html=_feed_html(selectors.public_actions(campaign)[:PAGE_SIZE]),
        )

    return cached_figures(selectors.FIGURES_TOPIC, f"{CACHE_LAYOUT}:campaign:{campaign.pk}", compute)


# --- public pages -----------------------------------------------------------------------------


@login_not_required
@require_safe
def index(request):
    campaigns = (
        selectors.campaigns_visible_to(request.user)
        .annotate(
            # Open campaigns first, then drafts (staff only), then closed ones.
            status_order=Case(
                When(status=Campaign.Status.OPEN, then=Value(0)),
                When(status=Campaign.Status.DRAFT, then=Value(1)),
                default=Value(2),
            ),
        )
        .order_by("status_order", "-starts_on", "title")
    )
    page_obj = _page(request, campaigns)
    counts = selectors.action_counts()
    for campaign in page_obj:
        campaign.action_count = counts.get(campaign.pk, 0)
    return render(request, "campaigns/index.html", {"page_obj": page_obj})


@login_not_required
@require_safe
def detail(request, slug):
    campaign = get_object_or_404(selectors.campaigns_visible_to(request.user), slug=slug)
    summary = _campaign_summary(campaign)
    figures = summary.block.figures
    reached = summary.pledges if campaign.goal_kind == Campaign.GoalKind.PLEDGES else figures.total
    goal_percent = min(100, round(100 * reached / campaign.goal_target)) if campaign.goal_target else None
    # The feed's length is one of the cached figures, and its first page is cached: only later
    # pages are read from the database.
    paginator = CountedPaginator(selectors.public_actions(campaign), PAGE_SIZE, count=figures.public)
    page_obj = paginator.get_page(request.GET.get("page"))
    feed_html = summary.feed_html if page_obj.number == 1 else _feed_html(page_obj.object_list)
    return render(
        request,
        "campaigns/detail.html",
        {
            "campaign": campaign,
            "figures": figures,
            "figures_html": summary.block.html,
            "pledges": summary.pledges,
            "reached": reached,
            "goal_percent": goal_percent,
            "action_types": summary.action_types,
            "page_obj": page_obj,
            "feed_html": feed_html,
        },
    )


# --- logging actions --------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def act(request, slug):
    campaign = get_object_or_404(selectors.campaigns_visible_to(request.user), slug=slug)
    CAMPAIGN.check(campaign, "log_action")
    action_types = campaign.action_types.all()
    type_slug = request.GET.get("type") or request.POST.get("type")
    if not type_slug:
        # Step one works without JavaScript: pick a type, then the matching form loads.
        return render(
            request, "campaigns/act_choose.html", {"campaign": campaign, "action_types": action_types}
        )
    action_type = get_object_or_404(action_types, slug=type_slug)
    lookup_form, lookup = _mp_lookup(request, action_type)
    form = ActionForm(
        request.POST or None,
        request.FILES or None,
        action_type=action_type,
        user=request.user,
        initial=lookup.initial(DETAIL_PREFIX) if lookup else None,
        constituency_options=lookup.constituencies if lookup else None,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.action_log(
                campaign=campaign,
                action_type=action_type,
                user=request.user,
                request=request,
                **form.action_values(),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Thank you: your action has been recorded."))
            return redirect("campaigns:mine")
    return render(
        request,
        "campaigns/act_form.html",
        {
            "campaign": campaign,
            "action_type": action_type,
            "form": form,
            "lookup_form": lookup_form,
            "lookup": lookup,
        },
    )


def _mp_lookup(request, action_type):
    """The postcode lookup of an MP-letter form (GET ``postcode``): the form, and what it found."""
    if not any(d.get("name") == "constituency" for d in action_type.detail_fields or []):
        return None, None
    if request.method != "GET" or "postcode" not in request.GET:
        return MPLookupForm(), None
    lookup_form = MPLookupForm(request.GET)
    if not lookup_form.is_valid():
        return lookup_form, None
    return lookup_form, mp_lookup(postcode_parse(lookup_form.cleaned_data["postcode"]))


def _action_initial(action: Action) -> dict:
    initial = {
        "done_on": action.done_on,
        "place": action.place,
        "region": action.region,
        "link": action.link,
        "is_public": action.is_public,
        "group": action.group_id,
        "constituency_code": action.constituency_code,
    }
    initial.update({DETAIL_PREFIX + name: value for name, value in (action.details or {}).items()})
    return initial


def _own_action_or_404(request, pk: int) -> Action:
    """An action its author (or national staff) may change; 404 for anybody else."""
    return get_object_or_404(
        selectors.actions_visible_to(request.user).select_related("campaign", "action_type", "group"), pk=pk
    )


@require_http_methods(["GET", "POST"])
def action_edit(request, pk):
    action = _own_action_or_404(request, pk)
    ACTION.check(action, "edit")
    form = ActionForm(
        request.POST or None,
        request.FILES or None,
        action_type=action.action_type,
        user=action.user,
        initial=_action_initial(action),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.action_update(action=action, actor=request.user, request=request, **form.action_values())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your changes to the action have been saved."))
            return redirect("campaigns:mine")
    return render(request, "campaigns/action_edit.html", {"action": action, "form": form})


@require_http_methods(["GET", "POST"])
def action_delete(request, pk):
    action = _own_action_or_404(request, pk)
    if response := confirmation_required(
        request,
        title=_("Delete your action “%(type)s” of %(date)s?")
        % {"type": localised(action.action_type, "name"), "date": date_format(action.done_on)},
        consequence=_(
            "It will no longer count towards “%(campaign)s” or be shown on its page, and its photo "
            "will be deleted. This cannot be undone."
        )
        % {"campaign": localised(action.campaign, "title")},
        confirm_label=_("Yes, delete it"),
        cancel_url=reverse("campaigns:mine"),
    ):
        return response
    services.action_delete(action=action, actor=request.user, request=request)
    messages.success(request, _("The action has been deleted."))
    return redirect("campaigns:mine")


@require_safe
def mine(request):
    actions = (
        Action.objects.filter(user=request.user)
        .select_related("campaign", "action_type", "group")
        .order_by("-done_on", "-pk")
    )
    page_obj = _page(request, actions)
    rows = [
        {
            "action": action,
            "details": schema.labelled(action.action_type.detail_fields, action.details),
            "outcome": schema.labelled(action.action_type.outcome_fields, action.outcome),
            "outcome_url": reverse("campaigns:outcome", args=[tokens.outcome_token(action)])
            if action.action_type.expects_outcome
            else None,
        }
        for action in page_obj
    ]
    preference = SupporterPreference.objects.filter(user=request.user).first()
    follow_ups = preference is None or preference.follow_up_emails
    return render(
        request, "campaigns/mine.html", {"page_obj": page_obj, "rows": rows, "follow_ups": follow_ups}
    )


@require_POST
def preferences(request):
    """Turn "how did it go?" emails on or off from the signed-in person's own list."""
    services.preference_set(
        user=request.user, follow_up_emails=request.POST.get("follow_up_emails") == "on", request=request
    )
    messages.success(request, _("Your email preference has been saved."))
    return redirect("campaigns:mine")


@never_cache
@require_http_methods(["GET", "POST"])
def outcome(request, token):
    """Record how an action went, from the emailed link or from 'my actions'.

    The token names the action and its owner and expires; the signed-in person must be that
    owner, so a forwarded link is useless to anyone else.
    """
    try:
        claim = tokens.outcome_read(token)
    except signing.SignatureExpired:
        return render(request, "campaigns/link_expired.html", status=410)
    except signing.BadSignature as error:
        raise Http404 from error
    if claim.get("u") != request.user.pk:
        raise Http404
    action = get_object_or_404(
        Action.objects.select_related("campaign", "action_type"), pk=claim.get("a"), user=request.user
    )
    if not action.action_type.expects_outcome:
        raise Http404
    form = OutcomeForm(request.POST or None, action=action)
    if request.method == "POST" and form.is_valid():
        services.action_outcome_record(
            action=action, outcome=form.cleaned_outcome(), actor=request.user, request=request
        )
        messages.success(request, _("Thank you: the outcome has been recorded."))
        return redirect("campaigns:mine")
    return render(
        request,
        "campaigns/outcome.html",
        {
            "action": action,
            "form": form,
            "details": schema.labelled(action.action_type.detail_fields, action.details),
        },
    )


@login_not_required
@require_safe
def photo(request, pk):
    action = get_object_or_404(Action.objects.select_related("campaign"), pk=pk)
    if not action.photo or not selectors.photo_visible(request.user, action):
        raise Http404
    extension = PurePath(action.photo.name).suffix
    return private_file_response(action.photo.open("rb"), download_name=f"action-{action.pk}{extension}")


# --- follow-up preference ---------------------------------------------------------------------


@login_not_required
@require_safe
def unsubscribe(request, token):
    """Links in follow-ups sent before the platform-wide one-click unsubscribe lead to it."""
    try:
        claim = tokens.unsubscribe_read(token)
    except signing.BadSignature as error:
        raise Http404 from error
    new_token = unsubscribe_token(user_id=claim.get("u"), topic=services.FOLLOW_UP_TOPIC)
    return redirect("unsubscribe", token=new_token)


# --- personal progress ------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def progress(request):
    if request.method == "POST":
        form = ProgressForm(request.POST)
        if form.is_valid() and form.cleaned_data["step"] in ProgressStep.values:
            services.progress_tick(
                user=request.user,
                step=form.cleaned_data["step"],
                ticked=form.cleaned_data["ticked"],
                request=request,
            )
            return redirect("campaigns:progress")
        raise Http404
    steps = selectors.progress_steps(request.user)
    done = sum(1 for step in steps if step.done)
    return render(request, "campaigns/progress.html", {"steps": steps, "done": done, "total": len(steps)})


# --- pledges ----------------------------------------------------------------------------------


@login_not_required
@require_http_methods(["GET", "POST"])
def pledge(request, slug):
    campaign = get_object_or_404(selectors.campaigns_visible_to(request.user), slug=slug)
    if not campaign.has_pledge:
        raise Http404
    initial = {}
    if request.user.is_authenticated:
        initial = {"name": request.user.display_name, "email": request.user.email}
    form = PledgeForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        if not _pledge_rate_ok(request):
            return render(request, "campaigns/pledge_busy.html", {"campaign": campaign}, status=429)
        services.pledge_sign(campaign=campaign, request=request, **form.cleaned_data)
        return render(request, "campaigns/pledge_sent.html", {"campaign": campaign})
    return render(
        request,
        "campaigns/pledge.html",
        {
            "campaign": campaign,
            "form": form,
            "count": selectors.pledge_count(campaign),
        },
    )


PLEDGE_RATE_LIMIT = 10  # signatures per address per hour


def _pledge_rate_ok(request) -> bool:
    """Signing sends an email to any address typed in, so one client may only sign a few
    times an hour: enough for a family sharing a connection, too few to spam with."""
    return ratelimit.hit(
        "campaigns:pledge", client_ip(request) or "unknown", limit=PLEDGE_RATE_LIMIT, window_seconds=3600
    )


@login_not_required
@never_cache
@require_http_methods(["GET", "POST"])
def pledge_confirm(request, token):
    try:
        claim = tokens.pledge_read(token)
    except signing.SignatureExpired:
        return render(request, "campaigns/link_expired.html", status=410)
    except signing.BadSignature as error:
        raise Http404 from error
    if request.method == "POST":
        signature = services.pledge_confirm(claim=claim, request=request)
        if signature is None:
            raise Http404
        messages.success(request, _("Thank you: your signature now counts."))
        return redirect("campaigns:detail", slug=signature.campaign.slug)
    return render(request, "campaigns/pledge_confirm.html", {"form": ConfirmForm()})


@login_not_required
@never_cache
def pledge_manage(request, token):
    """The link in every email about a pledge signature: withdraw it."""
    signature = (
        PledgeSignature.objects.select_related("campaign").filter(pk=tokens.pledge_manage_read(token)).first()
    )
    if signature is None:
        return link_problem(request)
    actor = request.user if request.user.is_authenticated else None
    return withdraw_or_correct(
        request,
        title=_("Your signature of the pledge of “%(campaign)s”")
        % {"campaign": localised(signature.campaign, "title")},
        rows=[
            (_("Name"), signature.name),
            (_("Email address"), signature.email),
            (_("Town"), signature.town),
            (_("Confirmed"), _("Yes") if signature.is_confirmed else _("Not yet")),
        ],
        withdraw=lambda: services.pledge_withdraw(signature=signature, actor=actor, request=request),
        withdraw_label=_("Withdraw my signature"),
        consequence=_(
            "Your signature will be deleted, with your name, email address and town, and will no longer "
            "count in the campaign's total. This cannot be undone, but you can sign again."
        ),
        done_url=after_withdrawal_url(request, reverse("campaigns:detail", args=[signature.campaign.slug])),
    )


# --- dashboards -------------------------------------------------------------------------------


def _filters(form: DashboardFilterForm, **fixed) -> selectors.Filters:
    """The filters chosen in ``form`` (none when it is invalid), with ``fixed`` ones on top."""
    data = form.cleaned_data if form.is_valid() else {}
    chosen = {
        "campaign": data.get("campaign"),
        "date_from": data.get("date_from"),
        "date_to": data.get("date_to"),
        "action_type": data.get("action_type"),
        "region": data.get("region") or "",
        "group": data.get("group"),
    }
    return selectors.Filters(**{**chosen, **fixed})


def _dashboard_context(request, form: DashboardFilterForm, **fixed) -> dict:
    block = _figures_block(_filters(form, **fixed))
    return {
        "form": form,
        "figures": block.figures,
        "figures_html": block.html,
        "query_string": urlencode({k: v for k, v in request.GET.items() if k != "page" and v}),
    }


@staff_required
@require_safe
def dashboard(request):
    form = DashboardFilterForm(request.GET or None)
    context = _dashboard_context(request, form)
    access_record(request=request, kind="list", object_type="campaigns.action")
    return render(request, "campaigns/dashboard.html", context)


EXPORT_COLUMNS = [
    "id",
    "campaign",
    "type",
    "date",
    "place",
    "nation",
    "region",
    "group",
    "public",
    "outcome_recorded",
    "response",
    "breakdown",
    "logged_at",
]


@staff_required
@reauthentication_required
@require_safe
def export(request):
    """Stream every matching action as CSV without holding them all in memory.

    Names and emails of supporters are left out: the figures need neither.
    """
    qs = (
        _filters(DashboardFilterForm(request.GET or None))
        .apply(Action.objects.all())
        .order_by("pk")
        .values_list(
            "pk",
            "campaign__slug",
            "action_type__slug",
            "done_on",
            "place",
            "nation",
            "region",
            "group__slug",
            "is_public",
            "outcome_recorded_at",
            "outcome_positive",
            "breakdown_value",
            "created_at",
        )
    )
    access_record(request=request, kind="export", object_type="campaigns.action")
    # outcome_recorded is a yes/no answer, not the time it was recorded.
    rows = ([*row[:9], row[9] is not None, *row[10:]] for row in qs.iterator(chunk_size=2000))
    return csv_response(filename="campaign-actions.csv", header=EXPORT_COLUMNS, rows=rows)


@require_safe
def group_figures(request, slug):
    group = get_object_or_404(Group, slug=slug)
    if not selectors.group_figures_visible(request.user, group):
        raise Http404
    form = DashboardFilterForm(request.GET or None)
    # A lead filters within their own group only.
    form.fields.pop("group")
    context = _dashboard_context(request, form, group=group)
    context["group"] = group
    return render(request, "campaigns/group_figures.html", context)


@login_not_required
@require_safe
def guidance(request):
    """Guidance for every kind of action, for anyone preparing one."""
    types = ActionType.objects.filter(is_active=True)
    return render(request, "campaigns/guidance.html", {"page_obj": _page(request, types)})
