from __future__ import annotations

import re
from dataclasses import dataclass
from functools import wraps
from urllib.parse import urlencode

from allauth.account.decorators import reauthentication_required
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from geography.views import near_me_context
from groups import selectors, services
from groups.forms import (
    ActivityForm,
    ContactForm,
    DecisionForm,
    DigestPreferenceForm,
    GroupApplicationForm,
    GroupEditForm,
    InviteForm,
    RoleForm,
)
from groups.models import Activity, Group, GroupApplication, GroupMembership
from sanctuary import hooks, ratelimit, ukmap
from sanctuary.audit import client_ip
from sanctuary.confirm import confirmation_required
from sanctuary.errors import Refused
from sanctuary.exports import csv_response
from sanctuary.figures_cache import cached_figures
from sanctuary.geography import Nation, Region
from sanctuary.links import LinkPattern
from sanctuary.permissions import staff_required
from sanctuary.uploads import private_file_response

PAGE_SIZE = 20


def _page(request, queryset, size: int = PAGE_SIZE):
    return Paginator(queryset, size).get_page(request.GET.get("page"))


# --- Public pages -----------------------------------------------------------------------------


# Pages of the directory cached per filter; deeper (or free-text) requests are drawn each time,
# so a visitor cannot fill the cache with keys of their own making.
CACHED_DIRECTORY_PAGES = 50


@login_not_required
@require_safe
def directory(request):
    q = request.GET.get("q", "").strip()[:100]
    nation = request.GET.get("nation", "") if request.GET.get("nation") in Nation.values else ""
    region = request.GET.get("region", "") if request.GET.get("region") in Region.values else ""
    status = request.GET.get("status", "") if request.GET.get("status") in Group.Status.values else ""
    filters = {k: v for k, v in {"q": q, "nation": nation, "region": region, "status": status}.items() if v}

    def listing() -> str:
        page_obj = _page(request, selectors.directory(q=q, nation=nation, region=region, status=status))
        return render_to_string(
            "groups/directory.html#listing", {"page_obj": page_obj, "query_string": urlencode(filters)}
        )

    page_asked = request.GET.get("page") or "1"
    page = int(page_asked) if re.fullmatch(r"[0-9]{1,3}", page_asked) else 0
    if not q and 1 <= page <= CACHED_DIRECTORY_PAGES:
        key = f"directory:{get_language()}:{nation}:{region}:{status}:{page}"
        listing_html = cached_figures(selectors.PUBLIC_FIGURES, key, listing)
    else:
        listing_html = listing()
    return render(
        request,
        "groups/directory.html",
        {
            "listing": listing_html,
            "q": q,
            "nation": nation,
            "region": region,
            "status": status,
            "nations": Nation.choices,
            "regions": Region.choices,
            "statuses": Group.Status.choices,
            "region_map": _region_map(),
            **near_me_context(request),
            "near_me_action": reverse("groups:directory"),
        },
    )


def _region_map() -> str:
    """The map of groups per region and its table: drawn once until a group or signature changes."""

    def draw() -> str:
        counts = selectors.public_counts()
        return render_to_string(
            "groups/includes/region_map.html",
            {
                "map": ukmap.map_data(),
                "areas": ukmap.shaded_areas(counts["groups_by_region"]),
                "region_rows": selectors.region_rows(counts),
            },
        )

    return cached_figures(selectors.PUBLIC_FIGURES, f"region_map:{get_language()}", draw)


def _public_body(group: Group) -> str:
    """The part of a group's page that every visitor sees alike, rendered once until it changes."""

    today = timezone.localdate()

    def render_body() -> str:
        context = {"group": group, **selectors.group_page_lists(group, today=today)}
        return render_to_string("groups/group_detail.html#public_body", context)

    key = f"public_body:{get_language()}:{today.isoformat()}"
    return cached_figures(selectors.group_page_topic(group.pk), key, render_body)


@login_not_required
@require_safe
def group_detail(request, slug):
    group = get_object_or_404(selectors.public_groups(), slug=slug)
    membership, may_manage = selectors.viewer_standing(request.user, group)
    return render(
        request,
        "groups/group_detail.html",
        {
            "group": group,
            "public_body": _public_body(group),
            "sections": hooks.panels("group_sections", group),
            "is_lead": may_manage,
            "membership": membership,
        },
    )


@login_not_required
@require_safe
def group_logo(request, slug):
    group = get_object_or_404(selectors.public_groups(), slug=slug)
    if not group.logo:
        raise Http404
    with group.logo.open("rb") as handle:
        response = private_file_response(
            handle.read(), download_name=f"{group.slug}-logo{group.logo.name[-4:]}"
        )
    # The logo is public: let the browser keep it for an hour.
    response["Cache-Control"] = "public, max-age=3600"
    return response


@login_not_required
def group_contact(request, slug):
    group = get_object_or_404(selectors.public_groups().exclude(status=Group.Status.CLOSED), slug=slug)
    form = ContactForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if not ratelimit.hit("groups:contact", client_ip(request) or "unknown", limit=5, window_seconds=3600):
            form.add_error(None, _("Too many messages from your connection. Please try again later."))
            return render(request, "groups/contact.html", {"group": group, "form": form}, status=429)
        services.group_contact_send(
            group=group,
            sender_name=form.cleaned_data["name"],
            sender_email=form.cleaned_data["email"],
            message=form.cleaned_data["message"],
        )
        messages.success(request, _("Thank you: your message has been sent to the group's leads."))
        return redirect("groups:detail", slug=group.slug)
    return render(request, "groups/contact.html", {"group": group, "form": form})


# --- Starting a group ---------------------------------------------------------------------------


def group_apply(request):
    form = GroupApplicationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "accept_guidelines"}
        services.group_application_submit(applicant=request.user, **data)
        messages.success(
            request, _("Thank you. National staff will look at your application and reply by email.")
        )
        return redirect("dashboard")
    return render(request, "groups/apply.html", {"form": form})


@staff_required
@require_safe
def application_list(request):
    status = request.GET.get("status") or GroupApplication.Status.PENDING
    applications = selectors.applications_visible_to(request.user).filter(status=status)
    page_obj = _page(request, applications)
    return render(
        request,
        "groups/application_list.html",
        {
            "page_obj": page_obj,
            "status": status,
            "statuses": GroupApplication.Status.choices,
            "query_string": urlencode({"status": status}),
        },
    )


@staff_required
def application_decide(request, pk):
    application = get_object_or_404(selectors.applications_visible_to(request.user), pk=pk)
    form = DecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            if form.cleaned_data["decision"] == "approve":
                group = services.group_application_approve(application=application, actor=request.user)
                messages.success(request, _("Approved: the group page has been created."))
                return redirect("groups:detail", slug=group.slug)
            services.group_application_decline(
                application=application, actor=request.user, reason=form.cleaned_data["reason"]
            )
            messages.success(request, _("Declined: the applicant has been told why."))
            return redirect("groups:applications")
        except Refused as exc:
            form.add_error(None, exc)
            application.refresh_from_db()
            return render(
                request,
                "groups/application_decide.html",
                {"application": application, "form": form},
                status=409,
            )
    return render(request, "groups/application_decide.html", {"application": application, "form": form})


# --- Invitations and leaving -------------------------------------------------------------------


def invitation_accept(request, token):
    try:
        invitation = services.invitation_from_token(token)
    except services.TokenError as exc:
        return render(request, "groups/token_problem.html", {"message": exc.text}, status=400)
    if request.method == "POST":
        try:
            membership = services.invitation_accept(token=token, user=request.user)
        except Refused as exc:
            return render(request, "groups/token_problem.html", {"message": exc.text}, status=400)
        messages.success(request, _("Welcome to %(group)s.") % {"group": membership.group.name})
        return redirect("groups:detail", slug=membership.group.slug)
    # Warn before the click: only the invited address can accept.
    wrong_account = request.user.email.strip().lower() != invitation.email
    return render(
        request, "groups/invitation_accept.html", {"invitation": invitation, "wrong_account": wrong_account}
    )


@require_POST
def group_join(request, slug):
    group = get_object_or_404(selectors.public_groups().exclude(status=Group.Status.CLOSED), slug=slug)
    services.membership_join(group=group, user=request.user)
    messages.success(request, _("You are now a member of %(group)s.") % {"group": group.name})
    return redirect("groups:detail", slug=group.slug)


@require_POST
def group_leave(request, slug):
    membership = get_object_or_404(
        GroupMembership.objects.select_related("group"), group__slug=slug, user=request.user
    )
    if response := confirmation_required(
        request,
        title=_("Leave %(group)s?") % {"group": membership.group.name},
        consequence=_("You will no longer be a member of the group. You can join again later."),
        confirm_label=_("Yes, leave the group"),
        cancel_url=reverse("groups:detail", args=[slug]),
    ):
        return response
    try:
        services.membership_remove(membership=membership, actor=request.user)
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
        return redirect("groups:detail", slug=slug)
    messages.success(request, _("You have left the group."))
    return redirect("groups:detail", slug=slug)


# --- Lead workspace -----------------------------------------------------------------------------


@dataclass(frozen=True)
class MemberRow:
    """One member as the workspace lists them, worked out in Python (links, labels, the role
    menu) so the template does no per-row lookups."""

    pk: int
    name: str
    role: str
    role_options: str
    role_url: str
    remove_url: str


@never_cache
@require_safe
def workspace(request, slug):
    group = selectors.workspace_group_or_404(request.user, slug)
    memberships = group.memberships.select_related("user").order_by("role", "user__display_name", "pk")
    page_obj = _page(request, memberships)
    counts = selectors.group_counts(group)
    figures = [
        (_("Members"), page_obj.paginator.count),
        (_("Charter signatures"), counts["signatures"]),
        (_("Supporting organisations"), counts["organisations"]),
        *hooks.collect("group_figures", group),
    ]
    invitations = list(group.invitations.filter(accepted_at__isnull=True)[:10])
    roles = [(value, str(label)) for value, label in GroupMembership.Role.choices]
    labels = dict(roles)
    # Each row's role menu differs only in which role is selected: draw each variant once.
    role_options = {
        value: render_to_string("groups/workspace.html#role_options", {"roles": roles, "current": value})
        for value, _label in roles
    }
    role_url = LinkPattern("groups:member_role", group.slug)
    remove_url = LinkPattern("groups:member_remove", group.slug)
    members = [
        MemberRow(
            pk=m.pk,
            name=m.user.display_name or m.user.email,
            role=labels[m.role],
            role_options=role_options[m.role],
            role_url=role_url(m.pk),
            remove_url=remove_url(m.pk),
        )
        for m in page_obj
    ]
    return render(
        request,
        "groups/workspace.html",
        {
            "group": group,
            "page_obj": page_obj,
            "members": members,
            "figures": figures,
            "invitations": invitations,
            "roles": roles,
            **selectors.workspace_lists(group, today=timezone.localdate()),
        },
    )


def workspace_edit(request, slug):
    group = selectors.workspace_group_or_404(request.user, slug)
    form = GroupEditForm(request.POST or None, request.FILES or None, instance=group)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k not in ("logo", "local_authorities")}
        # The form has written onto the instance already; re-read so the service sees what changed.
        group = Group.objects.get(pk=group.pk)
        services.group_update(
            group=group,
            actor=request.user,
            data=data,
            local_authorities=form.cleaned_data["local_authorities"],
            logo=form.cleaned_data.get("logo"),
        )
        messages.success(request, _("The group page has been updated."))
        return redirect("groups:workspace", slug=group.slug)
    return render(request, "groups/workspace_edit.html", {"group": group, "form": form})


def workspace_invite(request, slug):
    group = selectors.workspace_group_or_404(request.user, slug)
    form = InviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.invitation_create(group=group, actor=request.user, **form.cleaned_data)
        messages.success(request, _("Invitation sent."))
        return redirect("groups:workspace", slug=group.slug)
    return render(request, "groups/workspace_invite.html", {"group": group, "form": form})


@require_POST
def member_role(request, slug, pk):
    group = selectors.workspace_group_or_404(request.user, slug)
    membership = get_object_or_404(group.memberships, pk=pk)
    form = RoleForm(request.POST)
    if form.is_valid():
        try:
            services.membership_set_role(
                membership=membership, actor=request.user, role=form.cleaned_data["role"]
            )
            messages.success(request, _("Role changed."))
        except ValidationError as exc:
            messages.error(request, exc.messages[0])
    else:
        messages.error(request, _("Choose lead or member."))
    return redirect("groups:workspace", slug=group.slug)


@require_http_methods(["GET", "POST"])
def member_remove(request, slug, pk):
    group = selectors.workspace_group_or_404(request.user, slug)
    membership = get_object_or_404(group.memberships.select_related("user"), pk=pk)
    if response := confirmation_required(
        request,
        title=_("Remove %(name)s from %(group)s?")
        % {"name": membership.user.display_name or membership.user.email, "group": group.name},
        consequence=_("They will no longer be a member of the group. They can be invited again later."),
        confirm_label=_("Yes, remove them"),
        cancel_url=reverse("groups:workspace", args=[group.slug]),
    ):
        return response
    try:
        services.membership_remove(membership=membership, actor=request.user)
        messages.success(request, _("Removed from the group."))
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    return redirect("groups:workspace", slug=group.slug)


def activities(request, slug):
    group = selectors.workspace_group_or_404(request.user, slug)
    form = ActivityForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.activity_record(group=group, actor=request.user, data=form.cleaned_data)
        messages.success(request, _("Activity recorded."))
        return redirect("groups:activities", slug=group.slug)
    page_obj = _page(request, group.activities.all())
    return render(request, "groups/activities.html", {"group": group, "form": form, "page_obj": page_obj})


def activity_edit(request, slug, pk):
    group = selectors.workspace_group_or_404(request.user, slug)
    activity = get_object_or_404(Activity, group=group, pk=pk)
    form = ActivityForm(request.POST or None, instance=activity)
    if request.method == "POST" and form.is_valid():
        # The form has written onto the instance already; the service reads the row again.
        services.activity_update(activity=activity, actor=request.user, data=form.cleaned_data)
        messages.success(request, _("Activity updated."))
        return redirect("groups:activities", slug=group.slug)
    return render(request, "groups/activity_edit.html", {"group": group, "activity": activity, "form": form})


@require_http_methods(["GET", "POST"])
def activity_delete(request, slug, pk):
    group = selectors.workspace_group_or_404(request.user, slug)
    activity = get_object_or_404(Activity, group=group, pk=pk)
    if response := confirmation_required(
        request,
        title=_("Delete the activity “%(title)s” of %(date)s?")
        % {"title": activity.title, "date": date_format(activity.date)},
        consequence=_("It will no longer be listed on the group's page or counted in its figures."),
        confirm_label=_("Yes, delete it"),
        cancel_url=reverse("groups:activities", args=[group.slug]),
    ):
        return response
    services.activity_delete(activity=activity, actor=request.user)
    messages.success(request, _("Activity deleted."))
    return redirect("groups:activities", slug=group.slug)


def pledge_decide(request, slug, pk):
    group = selectors.workspace_group_or_404(request.user, slug)
    pledge = get_object_or_404(
        selectors.pledges_visible_to(request.user).filter(organisation__group=group), pk=pk
    )
    return _pledge_decision(request, pledge, done_url=("groups:workspace", {"slug": group.slug}))


def _pledge_decision(request, pledge, *, done_url):
    form = DecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.organisation_pledge_decide(
                pledge=pledge,
                actor=request.user,
                approve=form.cleaned_data["decision"] == "approve",
                reason=form.cleaned_data["reason"],
            )
            messages.success(request, _("Decision recorded and the organisation told."))
            return redirect(done_url[0], **done_url[1])
        except Refused as exc:
            form.add_error(None, exc)
            pledge.refresh_from_db()
            return render(request, "groups/pledge_decide.html", {"pledge": pledge, "form": form}, status=409)
    return render(request, "groups/pledge_decide.html", {"pledge": pledge, "form": form})


def _signatories_csv(signatures, filename: str) -> HttpResponse:
    return csv_response(
        filename=filename,
        header=["name", "email", "postcode_or_town", "region", "group", "show_name_publicly", "confirmed_at"],
        rows=(
            [
                s.name,
                s.email,
                s.place,
                s.region,
                s.group.name if s.group else "",
                s.consent_public_name,
                s.confirmed_at,
            ]
            for s in signatures
        ),
    )


def _leads_only(view):
    """Answer 404 to anyone who does not run this group before asking them to sign in again:
    the re-authentication page must not tell outsiders that the export exists for them to try."""

    @wraps(view)
    def wrapped(request, slug, *args, **kwargs):
        selectors.workspace_group_or_404(request.user, slug)
        return view(request, slug, *args, **kwargs)

    return wrapped


@never_cache
@_leads_only
@reauthentication_required
@require_safe
def group_signatories_export(request, slug):
    group = selectors.workspace_group_or_404(request.user, slug)
    signatures = list(
        selectors.signatures_visible_to(request.user, group).select_related("group").order_by("pk")
    )
    services.export_record(actor=request.user, request=request, group=group, rows=len(signatures))
    return _signatories_csv(signatures, f"{group.slug}-signatories.csv")


# --- The lead's weekly digest -------------------------------------------------------------------


@never_cache
@require_http_methods(["GET", "POST"])
def digest_preference(request):
    """Turn one's own weekly digest off or back on (a digest's unsubscribe link only turns it off)."""
    # An unticked box posts nothing at all: the form is bound to any POST, even an empty one.
    form = DigestPreferenceForm(
        request.POST if request.method == "POST" else None,
        initial={"weekly_digest": request.user.weekly_digest_emails},
    )
    if request.method == "POST" and form.is_valid():
        services.digest_preference_set(
            user=request.user, weekly_digest=form.cleaned_data["weekly_digest"], request=request
        )
        messages.success(request, _("Your choice is saved."))
        return redirect("groups:digest_preference")
    return render(request, "groups/digest_preference.html", {"form": form})
