"""Staff onboarding: national staff invite people to staff roles; the invited person follows a
three-step welcome (their password, their second factor, where their work is).

The staff pages answer 404 to everybody else. The welcome pages are reached from the emailed
link without an account; the link is the capability, and it is checked on every request.
"""

from __future__ import annotations

from allauth.account.internal.flows.login import record_authentication
from allauth.mfa.models import Authenticator
from allauth.mfa.totp import views as totp_views
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from sanctuary import services
from sanctuary.confirm import confirmation_required
from sanctuary.errors import Refused
from sanctuary.forms import InvitationSignUpForm, StaffInvitationForm
from sanctuary.models import Role, StaffInvitation
from sanctuary.permissions import requires_mfa, staff_required

PAGE_SIZE = 25
# Set once an invitation is accepted in this session: the second-factor page then shows the
# welcome's steps and leads on to the last one.
ONBOARDING_SESSION_KEY = "staff_onboarding"
STEPS = 3


# --- National staff ---------------------------------------------------------------------------------


@staff_required
@never_cache
def staff_invitations(request: HttpRequest) -> HttpResponse:
    form = StaffInvitationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            invitation = services.staff_invitation_create(
                actor=request.user, request=request, **form.cleaned_data
            )
        except Refused as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request,
                _("Invitation sent to %(email)s (%(role)s).")
                % {"email": invitation.email, "role": invitation.get_role_display()},
            )
            return redirect("staff_invitations")
    status = request.GET.get("status", "")
    invitations = StaffInvitation.objects.select_related("invited_by", "accepted_by")
    if status in StaffInvitation.Status.values:
        invitations = invitations.filter(StaffInvitation.status_filter(status))
    else:
        status = ""
    page = Paginator(invitations, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "sanctuary/invitations/list.html",
        {
            "form": form,
            "page_obj": page,
            "status": status,
            "statuses": StaffInvitation.Status.choices,
            "query_string": f"status={status}" if status else "",
        },
    )


@staff_required
@require_POST
def staff_invitation_resend(request: HttpRequest, pk: int) -> HttpResponse:
    invitation = get_object_or_404(StaffInvitation, pk=pk)
    services.staff_invitation_resend(invitation=invitation, actor=request.user, request=request)
    messages.success(request, _("Invitation sent again to %(email)s.") % {"email": invitation.email})
    return redirect("staff_invitations")


@staff_required
def staff_invitation_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    invitation = get_object_or_404(StaffInvitation, pk=pk)
    if response := confirmation_required(
        request,
        title=_("Revoke the invitation to %(email)s?") % {"email": invitation.email},
        consequence=_("The link in the invitation will stop working at once. No role is granted."),
        confirm_label=_("Yes, revoke the invitation"),
        cancel_url=reverse("staff_invitations"),
    ):
        return response
    services.staff_invitation_revoke(invitation=invitation, actor=request.user, request=request)
    messages.success(request, _("The invitation to %(email)s was revoked.") % {"email": invitation.email})
    return redirect("staff_invitations")


# --- The invited person --------------------------------------------------------------------------


def _link_problem(request: HttpRequest, exc: services.InvitationLinkRefused) -> HttpResponse:
    # 410 Gone for a link that worked once; 400 for one that never did.
    status = 400 if exc.code == "invalid" else 410
    return render(request, "sanctuary/invitations/link_problem.html", {"message": exc.text}, status=status)


def _step(number: int, title: str, **context) -> dict:
    return {"step": number, "steps": STEPS, "step_title": title, **context}


def _welcome_next(request: HttpRequest, invitation: StaffInvitation) -> HttpResponse:
    """After acceptance: the second factor when the role needs one, else the last step."""
    request.session[ONBOARDING_SESSION_KEY] = invitation.pk
    user = request.user
    if (
        requires_mfa(user)
        and not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
    ):
        return redirect("mfa_activate_totp")
    return redirect("staff_onboarding_ready")


@login_not_required
@never_cache
def staff_invitation_accept(request: HttpRequest, token: str) -> HttpResponse:
    """Step 1: set a password (new account), or sign in (existing account), and accept."""
    try:
        invitation = services.staff_invitation_open(token=token, actor=request.user, request=request)
    except services.InvitationLinkRefused as exc:
        return _link_problem(request, exc)
    user = request.user
    base = {"invitation": invitation}
    if user.is_authenticated:
        if not services.email_belongs_to(user, invitation.email):
            return render(
                request,
                "sanctuary/invitations/other_account.html",
                {**base, **_step(1, _("Sign in with the invited address"))},
            )
        if request.method == "POST":
            try:
                services.staff_invitation_accept(token=token, user=user, request=request)
            except services.InvitationLinkRefused as exc:
                return _link_problem(request, exc)
            return _welcome_next(request, invitation)
        return render(
            request, "sanctuary/invitations/accept.html", {**base, **_step(1, _("Accept the invitation"))}
        )
    if services.account_for_email(invitation.email) is not None:
        login_url = f"{reverse('account_login')}?next={request.path}"
        return render(
            request,
            "sanctuary/invitations/sign_in.html",
            {**base, "login_url": login_url, **_step(1, _("Sign in to your account"))},
        )
    form = InvitationSignUpForm(request.POST or None, email=invitation.email)
    if request.method == "POST" and form.is_valid():
        try:
            person = services.staff_invitation_sign_up(
                token=token,
                display_name=form.cleaned_data["display_name"],
                password=form.cleaned_data["password1"],
                request=request,
            )
        except services.InvitationLinkRefused as exc:
            if exc.code != "has_account":
                return _link_problem(request, exc)
            form.add_error(None, exc)
        else:
            login(request, person, backend="sanctuary.auth.AuthenticationBackend")
            # The password was chosen on this very request: it counts as just entered, so the
            # second-factor page does not ask for it again.
            record_authentication(
                request, person, method="password", email=person.email, reauthenticated=True
            )
            return _welcome_next(request, invitation)
    return render(
        request,
        "sanctuary/invitations/set_password.html",
        {**base, "form": form, **_step(1, _("Choose your password"))},
    )


class OnboardingActivateTOTPView(totp_views.ActivateTOTPView):
    """allauth's authenticator set-up page; during the welcome it is step 2 and leads to step 3."""

    template_name = "sanctuary/invitations/totp_activate.html"

    def _onboarding(self) -> bool:
        return ONBOARDING_SESSION_KEY in self.request.session

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        if self._onboarding():
            context.update(_step(2, _("Set up two-factor authentication")))
        return context

    def get_success_url(self) -> str:
        if self._onboarding():
            return reverse("staff_onboarding_ready")
        return super().get_success_url()


activate_totp = OnboardingActivateTOTPView.as_view()

# Where each role's work starts (url names of the apps; a missing app is skipped).
WORK_PAGES = {
    Role.NATIONAL_STAFF: ("dashboard", "staff_invitations"),
    Role.ASSESSOR: ("awards:review_list",),
    Role.SAFEGUARDING_COORDINATOR: ("returnees:index",),
    Role.GUARDIAN: ("returnees:index",),
}
WORK_LABELS = {
    "dashboard": _("Your dashboard"),
    "staff_invitations": _("Invite staff"),
    "awards:review_list": _("Award applications to review"),
    "returnees:index": _("Returnee cases"),
}


def _work_links(user) -> list[tuple[str, str]]:
    links: dict[str, str] = {}
    for role in sorted(user.staff_roles):
        for name in WORK_PAGES.get(role, ()):
            try:
                links.setdefault(name, reverse(name))
            except NoReverseMatch:
                continue
    return [(str(WORK_LABELS[name]), url) for name, url in links.items()]


@never_cache
def staff_onboarding_ready(request: HttpRequest) -> HttpResponse:
    """Step 3: what the person can do now, and where."""
    welcomed = request.session.pop(ONBOARDING_SESSION_KEY, None) is not None
    has_recovery_codes = Authenticator.objects.filter(
        user=request.user, type=Authenticator.Type.RECOVERY_CODES
    ).exists()
    return render(
        request,
        "sanctuary/invitations/ready.html",
        {
            "welcomed": welcomed,
            "roles": [Role(role).label for role in sorted(request.user.staff_roles)],
            "work_links": _work_links(request.user) or [(_("Your dashboard"), reverse("dashboard"))],
            "has_recovery_codes": has_recovery_codes,
            **_step(3, _("You are ready")),
        },
    )
