"""The charter: signing as a person or an organisation, confirming, lists and exports."""

from __future__ import annotations

from allauth.account.decorators import reauthentication_required
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from groups import selectors, services
from groups.forms import CharterVersionForm, OrganisationPledgeForm, SignatureConsentForm, SignatureForm
from groups.models import Group, OrganisationContact, OrganisationPledge
from groups.views import _page, _pledge_decision, _signatories_csv
from sanctuary import ratelimit
from sanctuary.audit import client_ip
from sanctuary.errors import Refused
from sanctuary.permissions import is_national_staff, is_signed_in, staff_required
from sanctuary.rights import after_withdrawal_url, link_problem, withdraw_or_correct


@login_not_required
def sign(request):
    initial = {}
    if slug := request.GET.get("group"):
        initial["group"] = Group.objects.filter(slug=slug).exclude(status=Group.Status.CLOSED).first()
    form = SignatureForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid() and _within_limits(request, form, "sign"):
        data = form.cleaned_data
        services.signature_create(
            name=data["name"],
            email=data["email"],
            place=data["place"],
            region=data["region"],
            postcode=data["postcode"],
            group=data["group"],
            consent_group_contact=data["consent_group_contact"],
            consent_public_name=data["consent_public_name"],
        )
        # The same page whether or not the address signed before, so it reveals nothing.
        return redirect("charter:thanks")
    counts = selectors.public_counts()
    return render(
        request,
        "groups/charter_sign.html",
        {
            "form": form,
            "charter": selectors.charter_current(),
            "counts": counts,
            "nation_rows": selectors.nation_rows(counts),
            "region_rows": selectors.region_rows(counts),
            "public_signers": list(selectors.public_signatories().only("name")[:20]),
            "can_edit": is_national_staff(request.user),
        },
    )


def _within_limits(request, form, scope: str) -> bool:
    """Public forms that send email: at most 10 an hour from one address, 3 a day to one inbox."""
    email = form.cleaned_data.get("email") or form.cleaned_data.get("contact_email") or ""
    if not ratelimit.hit(scope, client_ip(request) or "unknown", limit=10, window_seconds=3600) or not (
        ratelimit.hit(f"{scope}-to", email, limit=3, window_seconds=86400)
    ):
        form.add_error(None, _("Too many attempts. Please try again later."))
        return False
    return True


@login_not_required
@require_safe
def thanks(request):
    return render(request, "groups/charter_thanks.html", {"hours": _hours()})


def _hours() -> int:
    from django.conf import settings

    return settings.CHARTER_CONFIRMATION_HOURS


@login_not_required
@never_cache
def confirm(request, token):
    """GET shows a button and POST confirms, so link scanners in mail systems confirm nothing."""
    if request.method == "POST":
        try:
            services.signature_confirm(token=token)
        except Refused as exc:  # broken, expired or used already: a link problem
            return render(request, "groups/token_problem.html", {"message": exc.text}, status=400)
        messages.success(request, _("Thank you: your signature is confirmed and now counts."))
        return redirect("charter:sign")
    return render(request, "groups/charter_confirm.html", {"token": token})


def _actor(request):
    return request.user if request.user.is_authenticated else None


@login_not_required
@never_cache
def signature_manage(request, token):
    """The link in every email about a signature: withdraw it, or change the name consent."""
    try:
        signature = services.signature_from_manage_token(token)
    except Refused as exc:
        return link_problem(request, exc.text)
    actor = _actor(request)
    return withdraw_or_correct(
        request,
        title=_("Your signature of the charter"),
        rows=[
            (_("Name"), signature.name),
            (_("Email address"), signature.email),
            (_("Postcode or town"), signature.place),
            (_("Local group"), signature.group.name if signature.group else ""),
            (_("Confirmed"), _("Yes") if signature.is_confirmed else _("Not yet")),
            (_("Name shown publicly"), _("Yes") if signature.consent_public_name else _("No")),
        ],
        withdraw=lambda: services.signature_withdraw(signature=signature, actor=actor, request=request),
        withdraw_label=_("Withdraw my signature"),
        consequence=_(
            "Your signature will be deleted, with your name, email address and town. It will no "
            "longer count in the charter's totals. This cannot be undone, but you can sign again."
        ),
        done_url=after_withdrawal_url(request, "charter:sign"),
        consent_form=SignatureConsentForm,
        consent_initial={"consent_public_name": signature.consent_public_name},
        save_consent=lambda data: services.signature_consent_set(
            signature=signature,
            consent_public_name=data["consent_public_name"],
            actor=actor,
            request=request,
        ),
    )


@login_not_required
@never_cache
def pledge_manage(request, token):
    """The link in every email about an organisation's pledge: withdraw it."""
    try:
        pledge = services.pledge_from_manage_token(token)
    except Refused as exc:
        return link_problem(request, exc.text)
    actor = _actor(request)
    return withdraw_or_correct(
        request,
        title=_("The pledge of %(organisation)s") % {"organisation": pledge.organisation.name},
        rows=[
            (_("Organisation"), pledge.organisation.name),
            (_("Contact person"), pledge.contact_name),
            (_("Contact email address"), pledge.contact_email),
            (_("Status"), pledge.get_status_display()),
        ],
        withdraw=lambda: services.organisation_pledge_withdraw(pledge=pledge, actor=actor, request=request),
        withdraw_label=_("Withdraw the pledge"),
        consequence=_(
            "The pledge will be deleted, with the contact person's name and email address, and the "
            "organisation will no longer be listed as a supporter. This cannot be undone."
        ),
        done_url=after_withdrawal_url(request, "charter:organisations"),
    )


@staff_required
def charter_edit(request):
    """Publish a new version of the charter; earlier versions are kept for signatures that cite them."""
    current = selectors.charter_current()
    # The new version starts from the current one's words in both languages.
    initial = {name: getattr(current, name) for name in CharterVersionForm.base_fields} if current else {}
    form = CharterVersionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        version = services.charter_version_publish(actor=request.user, **form.cleaned_data)
        messages.success(request, _("Version %(n)s of the charter is now published.") % {"n": version.number})
        return redirect("charter:sign")
    return render(request, "groups/charter_edit.html", {"form": form, "current": current})


@login_not_required
@require_safe
def organisations(request):
    orgs = selectors.approved_organisations()
    group = None
    if slug := request.GET.get("group"):
        group = Group.objects.filter(slug=slug).first()
        if group is not None:
            orgs = orgs.filter(group=group)
    page_obj = _page(request, orgs)
    return render(
        request,
        "groups/organisations.html",
        {"page_obj": page_obj, "group": group, "query_string": f"group={group.slug}" if group else ""},
    )


@login_not_required
def organisation_sign(request):
    form = OrganisationPledgeForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and _within_limits(request, form, "pledge"):
        data = {k: v for k, v in form.cleaned_data.items() if k != "agree"}
        services.organisation_pledge_sign(user=request.user if is_signed_in(request.user) else None, **data)
        messages.success(
            request,
            _("Thank you for signing the pledge. We will email the contact person once it is approved."),
        )
        return redirect("charter:organisations")
    return render(
        request, "groups/organisation_sign.html", {"form": form, "charter": selectors.charter_current()}
    )


@staff_required
@require_safe
def pledge_list(request):
    status = request.GET.get("status") or OrganisationPledge.Status.PENDING
    if status not in OrganisationPledge.Status.values:
        status = OrganisationPledge.Status.PENDING
    page_obj = _page(request, selectors.pledges_visible_to(request.user).filter(status=status))
    return render(
        request,
        "groups/pledge_list.html",
        {
            "page_obj": page_obj,
            "status": status,
            "statuses": OrganisationPledge.Status.choices,
            "query_string": f"status={status}",
        },
    )


@staff_required
def pledge_decide(request, pk):
    pledge = get_object_or_404(selectors.pledges_visible_to(request.user), pk=pk)
    return _pledge_decision(request, pledge, done_url=("charter:pledges", {}))


@require_safe
def supporter_logo(request, slug):
    """The supporter badge, for the contacts of an approved organisation only."""
    contact = (
        OrganisationContact.objects.select_related("organisation")
        .filter(
            user=request.user,
            organisation__slug=slug,
            organisation__pledge__status=OrganisationPledge.Status.APPROVED,
        )
        .first()
    )
    if contact is None:
        raise Http404
    # The words are translated here, not in the template: makemessages reads only .html, .txt
    # and .py files, so strings marked in an .svg template would never reach a catalogue.
    organisation = contact.organisation
    svg = render_to_string(
        "groups/supporter_logo.svg",
        {
            "organisation": organisation,
            "label": _("City of Sanctuary supporter: %(name)s") % {"name": organisation.name},
            "brand": _("City of Sanctuary"),
            "tagline": _("Proud supporter"),
        },
    )
    response = HttpResponse(svg, content_type="image/svg+xml")
    response["Content-Disposition"] = content_disposition_header(True, f"{slug}-supporter.svg")
    return response


@staff_required
@never_cache
@reauthentication_required
@require_safe
def signatories_export(request):
    signatures = list(selectors.signatures_visible_to(request.user).select_related("group").order_by("pk"))
    services.export_record(actor=request.user, request=request, group=None, rows=len(signatures))
    return _signatories_csv(signatures, "charter-signatories.csv")
