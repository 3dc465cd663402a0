"""State changes of the core: accounts and the staff roles people hold, each audited.

Views, the Django admin, allauth's adapter and management commands call these; none of them
creates a person or changes a role on its own.

Roles are granted and revoked idempotently: granting a role the person already holds, or
revoking one they do not hold, changes nothing, writes no audit row and returns quietly (the
admin saves a whole form at once, and an invitation may be accepted by someone who already
holds the role; neither is an error a person could act on).
"""

from __future__ import annotations

import datetime as dt

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core import signing
from django.core.cache import cache
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import LazyObject, empty
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from sanctuary import hooks
from sanctuary.audit import audit_record
from sanctuary.errors import Refused
from sanctuary.i18n import supported
from sanctuary.models import OutboundEmail, PrivacyNoticeVersion, Role, RoleAssignment, StaffInvitation, User
from sanctuary.notifications import email_queue
from sanctuary.rights import addresses_of


def _roles_changed(user: User) -> None:
    # staff_roles is cached on the instance; whoever holds this one sees the change at once
    # (request.user included: the cache is on the person inside the lazy wrapper).
    if isinstance(user, LazyObject):
        if user._wrapped is empty:
            return
        user = user._wrapped
    user.__dict__.pop("staff_roles", None)
    user.__dict__.pop("role_list", None)


@transaction.atomic
def role_grant(*, user: User, role: str, actor: User | None, request=None) -> RoleAssignment:
    """Give ``user`` the staff ``role``, recording who granted it. Quiet when already held."""
    role = Role(role)
    assignment, created = RoleAssignment.objects.get_or_create(
        user=user, role=role, defaults={"granted_by": actor if getattr(actor, "pk", None) else None}
    )
    if created:
        audit_record(
            actor=actor,
            action="sanctuary.role_granted",
            obj=user,
            detail={"role": role.value},
            request=request,
        )
        _roles_changed(user)
    return assignment


@transaction.atomic
def role_revoke(*, user: User, role: str, actor: User | None, request=None) -> bool:
    """Take the staff ``role`` away from ``user``. Returns False, quietly, when not held."""
    role = Role(role)
    deleted, _ = RoleAssignment.objects.filter(user=user, role=role).delete()
    if deleted:
        audit_record(
            actor=actor,
            action="sanctuary.role_revoked",
            obj=user,
            detail={"role": role.value},
            request=request,
        )
        _roles_changed(user)
    return bool(deleted)


@transaction.atomic
def account_sign_up(
    *,
    email: str,
    display_name: str,
    password: str | None,
    email_verified: bool = False,
    request=None,
) -> User:
    """Create a person's account (allauth's sign-up page and staff invitations both come here).

    ``email_verified``: the address was proved by an emailed link we sent (a staff invitation),
    so its allauth record is created verified. Without it, allauth records the address itself
    and sends its verification email.
    """
    # Someone who signs up on a Welsh page is written to in Welsh until they choose otherwise.
    user = User.objects.create_user(
        email=email.strip(),
        password=password,
        display_name=display_name.strip(),
        preferred_language=supported(get_language()),
    )
    if email_verified:
        EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    audit_record(
        actor=user,
        action="sanctuary.account_created",
        obj=user,
        detail={"email_verified": email_verified},
        request=request,
    )
    return user


# --- Deleting an account ---------------------------------------------------------------------------

# The account's row is kept as an anonymous placeholder, not deleted: audit rows are append-only
# (a database trigger rejects any UPDATE, so their actor cannot be re-pointed or set to NULL), and
# award decisions, reviews, panels and escalation history must keep saying that *a* person acted.
# The row keeps its id and nothing else of the person: no name, no usable address, no password,
# no roles, no way to sign in. Every app erases its own records of the person first
# (``account_erase`` hook).
DELETED_DISPLAY_NAME = "Deleted person"
DELETED_EMAIL_DOMAIN = "deleted.invalid"


def account_deletion_blockers(*, user: User) -> list[str]:
    """What must happen before ``user`` can delete their account; empty when nothing blocks."""
    return [str(reason) for reason in hooks.collect("account_deletion_blockers", user)]


def _outbox_forget(addresses: list[str], display_name: str) -> None:
    """Emails to the person go, and sent ones that name them. A pending email to somebody else
    that merely mentions the name stays: it is another person's mail, and the name may be common."""
    mentions = Q()
    for address in addresses:
        mentions |= Q(subject__icontains=address) | Q(body_text__icontains=address)
    named = (
        Q(subject__icontains=display_name)
        | Q(body_text__icontains=display_name)
        | Q(body_html__icontains=display_name)
    )
    sent = ~Q(status=OutboundEmail.Status.PENDING)
    OutboundEmail.objects.filter(
        Q(to__in=addresses) | mentions | (sent & named if len(display_name) > 3 else Q(pk__in=[]))
    ).delete()


@transaction.atomic
def account_delete(*, user: User, request=None) -> None:
    """Delete the person's account: erase every personal value of theirs, keep what other records
    legally need (attached to the anonymised account). Refused while something blocks it."""
    user = User.objects.select_for_update().get(pk=user.pk)
    if blockers := account_deletion_blockers(user=user):
        raise Refused(blockers, code="blocked")
    addresses, display_name = addresses_of(user), user.display_name
    # Mail to any address the account used, proved or not, is the account's own mail.
    mailed = sorted(
        {user.email.lower(), *addresses}
        | {
            address.lower()
            for address in EmailAddress.objects.filter(user=user).values_list("email", flat=True)
        }
    )
    hooks.collect("account_erase", user)
    audit_record(actor=user, action="sanctuary.account_deleted", obj=user, request=request)
    Authenticator.objects.filter(user=user).delete()
    EmailAddress.objects.filter(user=user).delete()
    RoleAssignment.objects.filter(user=user).delete()
    StaffInvitation.objects.filter(
        StaffInvitation.status_filter(StaffInvitation.Status.PENDING), email__in=addresses
    ).update(revoked_at=timezone.now())
    StaffInvitation.objects.filter(email__in=addresses).update(email="")
    LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(User), object_id=str(user.pk)
    ).update(object_repr=DELETED_DISPLAY_NAME)
    _outbox_forget(mailed, display_name)
    user.groups.clear()
    user.user_permissions.clear()
    # A new password hash also ends every other session of the account (Django checks it).
    user.set_unusable_password()
    user.email = f"deleted-{user.pk}@{DELETED_EMAIL_DOMAIN}"
    user.display_name = DELETED_DISPLAY_NAME
    user.is_active = user.is_staff = user.is_superuser = False
    user.last_login = None
    user.save(
        update_fields=[
            "password",
            "email",
            "display_name",
            "is_active",
            "is_staff",
            "is_superuser",
            "last_login",
        ]
    )
    _roles_changed(user)


# --- Staff invitations ----------------------------------------------------------------------------

# The link is signed like the platform's other emailed links (groups' invitations, campaign
# confirmations): it names only the invitation's id, never an address or a name. Expiry, use and
# revocation are read from the row, so a resend renews the link and a revoke ends it at once.
INVITATION_SALT = "sanctuary.staff_invitation"


class InvitationLinkRefused(Refused):
    """A staff invitation link that cannot be used; ``code`` says why (invalid, expired, used,
    revoked, other_account, has_account)."""


_LINK_PROBLEMS = {
    "invalid": _("This invitation link is not valid. Check that you copied the whole link from the email."),
    StaffInvitation.Status.EXPIRED: _(
        "This invitation has expired. Ask the member of national staff who invited you to send it again."
    ),
    StaffInvitation.Status.ACCEPTED: _(
        "This invitation has already been used. If it was you, sign in with the account you created."
    ),
    StaffInvitation.Status.REVOKED: _(
        "This invitation has been withdrawn. Ask the national staff team if you think this is a mistake."
    ),
}


# Account fields national staff change in the admin; the audit row names the fields, never values.
ADMIN_ACCOUNT_FIELDS = (
    "email",
    "display_name",
    "is_active",
    "is_staff",
    "is_superuser",
    "groups",
    "password",
)


@transaction.atomic
def account_admin_save(*, user: User, changed: list[str], actor: User, request=None) -> User:
    """Save an account edited by staff in the admin (access flags included), audited."""
    adding = user._state.adding
    user.save()
    audit_record(
        actor=actor,
        action="sanctuary.account_created" if adding else "sanctuary.account_updated",
        obj=user,
        detail={"fields": sorted(f for f in changed if f in ADMIN_ACCOUNT_FIELDS), "by_staff": True},
        request=request,
    )
    return user


def _link_refused(problem: str) -> InvitationLinkRefused:
    return InvitationLinkRefused(_LINK_PROBLEMS[problem], code=str(problem))


def invitation_token(invitation: StaffInvitation) -> str:
    return signing.dumps({"i": invitation.pk}, salt=INVITATION_SALT)


def invitation_link(invitation: StaffInvitation) -> str:
    return settings.SITE_URL + reverse("staff_invitation_accept", args=[invitation_token(invitation)])


def _invitation_id(token: str) -> int | None:
    try:
        data = signing.loads(token, salt=INVITATION_SALT)
    except signing.BadSignature:
        return None
    pk = data.get("i") if isinstance(data, dict) else None
    return pk if isinstance(pk, int) else None


def account_for_email(email: str) -> User | None:
    """The account that uses ``email`` (as its login, or as a verified address), if any."""
    user = User.objects.filter(email__iexact=email).first()
    if user is None:
        address = (
            EmailAddress.objects.filter(email__iexact=email, verified=True).select_related("user").first()
        )
        user = address.user if address else None
    return user


def email_belongs_to(user: User, email: str) -> bool:
    return user.email.lower() == email.lower() or (
        EmailAddress.objects.filter(user=user, email__iexact=email, verified=True).exists()
    )


def _invitation_email(invitation: StaffInvitation, actor: User) -> None:
    email_queue(
        template="sanctuary/emails/staff_invitation",
        to=invitation.email,
        context={
            "inviter": actor.display_name or actor.email,
            "role": invitation.get_role_display(),
            "link": invitation_link(invitation),
            "expires_at": invitation.expires_at,
            "days": settings.STAFF_INVITATION_DAYS,
        },
    )


def _expiry() -> dt.datetime:
    return timezone.now() + dt.timedelta(days=settings.STAFF_INVITATION_DAYS)


@transaction.atomic
def staff_invitation_create(
    *, actor: User, email: str, role: str, lived_experience: bool = False, request=None
) -> StaffInvitation:
    """Invite ``email`` to take ``role``; the role is granted only when the invitation is accepted.

    Refuses when the person already holds the role or an invitation for it is still waiting
    (resend that one instead). The lived-experience flag is kept for assessors only.
    """
    email = email.strip().lower()
    role = Role(role)
    person = account_for_email(email)
    if person is not None and person.role_assignments.filter(role=role).exists():
        raise Refused(_("The person with this email address is already: %(role)s.") % {"role": role.label})
    # Two copies of one form (a double click) are handled in turn: the second finds the first.
    User.objects.select_for_update().filter(pk=actor.pk).first()
    waiting = StaffInvitation.objects.filter(
        StaffInvitation.status_filter(StaffInvitation.Status.PENDING), email=email, role=role
    )
    if waiting.exists():
        raise Refused(
            _("An invitation for this address and role is already waiting. Resend it from the list below.")
        )
    now = timezone.now()
    invitation = StaffInvitation.objects.create(
        email=email,
        role=role,
        lived_experience=lived_experience and role == Role.ASSESSOR,
        invited_by=actor,
        created_at=now,
        sent_at=now,
        expires_at=_expiry(),
    )
    audit_record(
        actor=actor,
        action="sanctuary.invitation_sent",
        obj=invitation,
        detail={"role": role.value, "lived_experience": invitation.lived_experience},
        request=request,
    )
    _invitation_email(invitation, actor)
    return invitation


def _locked(invitation: StaffInvitation) -> StaffInvitation:
    return StaffInvitation.objects.select_for_update().get(pk=invitation.pk)


@transaction.atomic
def staff_invitation_resend(*, invitation: StaffInvitation, actor: User, request=None) -> StaffInvitation:
    """Send the invitation again with a fresh expiry (an expired one too); not once used or revoked."""
    invitation = _locked(invitation)
    if invitation.accepted_at is not None:
        raise Refused(_("This invitation has already been accepted."))
    if invitation.revoked_at is not None:
        raise Refused(_("This invitation was revoked. Send a new invitation instead."))
    invitation.sent_at = timezone.now()
    invitation.expires_at = _expiry()
    invitation.send_count += 1
    invitation.save(update_fields=["sent_at", "expires_at", "send_count"])
    audit_record(
        actor=actor,
        action="sanctuary.invitation_reissued",
        obj=invitation,
        detail={"send_count": invitation.send_count},
        request=request,
    )
    _invitation_email(invitation, actor)
    return invitation


@transaction.atomic
def staff_invitation_revoke(*, invitation: StaffInvitation, actor: User, request=None) -> StaffInvitation:
    """Withdraw a waiting (or expired) invitation: its link stops working at once."""
    invitation = _locked(invitation)
    if invitation.accepted_at is not None:
        raise Refused(
            _("This invitation has already been accepted. Take the role away in the admin instead.")
        )
    if invitation.revoked_at is not None:
        return invitation
    invitation.revoked_at = timezone.now()
    invitation.revoked_by = actor
    invitation.save(update_fields=["revoked_at", "revoked_by"])
    audit_record(actor=actor, action="sanctuary.invitation_revoked", obj=invitation, request=request)
    return invitation


def staff_invitation_open(*, token: str, actor: User | None = None, request=None) -> StaffInvitation:
    """The waiting invitation a link names, or ``InvitationLinkRefused`` saying why not.

    A link that names a real invitation which can no longer be used (expired, used, revoked)
    is audited as an attempt, outside any transaction, so the row stays although we refuse.
    """
    invitation = StaffInvitation.objects.filter(pk=_invitation_id(token)).first()
    if invitation is None:
        raise _link_refused("invalid")
    if (status := invitation.status) != StaffInvitation.Status.PENDING:
        audit_record(
            actor=actor if actor is not None and actor.is_authenticated else None,
            action="sanctuary.invitation_link_refused",
            obj=invitation,
            detail={"status": status},
            request=request,
        )
        raise _link_refused(status)
    return invitation


def _open_locked(token: str) -> StaffInvitation:
    invitation = StaffInvitation.objects.select_for_update().filter(pk=_invitation_id(token)).first()
    if invitation is None:
        raise _link_refused("invalid")
    if invitation.status != StaffInvitation.Status.PENDING:
        raise _link_refused(invitation.status)
    return invitation


@transaction.atomic
def staff_invitation_accept(*, token: str, user: User, request=None) -> StaffInvitation:
    """``user`` accepts: the role is granted by the person who invited them, once.

    The link may have been forwarded: only the invited address may accept it.
    """
    invitation = _open_locked(token)
    if not email_belongs_to(user, invitation.email):
        raise InvitationLinkRefused(
            _(
                "This invitation was sent to another email address. Sign out, then sign in with the "
                "account that uses the invited address (or open the link without signing in)."
            ),
            code="other_account",
        )
    role_grant(user=user, role=invitation.role, actor=invitation.invited_by, request=request)
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    audit_record(
        actor=user,
        action="sanctuary.invitation_accepted",
        obj=invitation,
        detail={"role": invitation.role},
        request=request,
    )
    hooks.collect("staff_invitation_accepted", invitation, user)
    return invitation


@transaction.atomic
def staff_invitation_sign_up(*, token: str, display_name: str, password: str, request=None) -> User:
    """Create the invited person's account (the link proved their address) and accept for them."""
    invitation = _open_locked(token)
    if account_for_email(invitation.email) is not None:
        raise InvitationLinkRefused(
            _("There is already an account with this email address: sign in to accept the invitation."),
            code="has_account",
        )
    user = account_sign_up(
        email=invitation.email,
        display_name=display_name,
        password=password,
        email_verified=True,
        request=request,
    )
    staff_invitation_accept(token=token, user=user, request=request)
    return user


# --- The privacy notice -------------------------------------------------------------------------


@transaction.atomic
def privacy_notice_publish(
    *, actor: User | None, text: str, summary_of_changes: str = ""
) -> PrivacyNoticeVersion:
    """Publish a new version of the privacy notice; earlier versions stay as they were."""
    latest = PrivacyNoticeVersion.objects.select_for_update().order_by("-number").first()
    version = PrivacyNoticeVersion.objects.create(
        number=(latest.number + 1) if latest else 1,
        text=text,
        summary_of_changes=summary_of_changes,
        published_by=actor if getattr(actor, "pk", None) else None,
    )
    audit_record(
        actor=actor,
        action="sanctuary.privacy_notice_published",
        obj=version,
        detail={"number": version.number},
    )
    return version


def privacy_notice_current() -> PrivacyNoticeVersion | None:
    return PrivacyNoticeVersion.objects.order_by("-number").first()


# --- Failed sign-ins ----------------------------------------------------------------------------


def failed_logins_notify(*, email: str, request=None) -> bool:
    """Tell an account's owner that someone keeps failing to sign in to it, once per window.

    Nothing happens for an address without an account (there is nobody to tell, and the
    sign-in page answers the same either way). Returns True when a notice was queued now.
    """
    user = account_for_email(email)
    if user is None or not user.is_active:
        return False
    window = settings.LOGIN_FAILURE_WINDOW_SECONDS
    # add() succeeds once per window: the first failure past the threshold sends, later ones do not.
    if not cache.add(f"login-failure-notice:{user.pk}", 1, window):
        return False
    with transaction.atomic():
        audit_record(actor=None, action="sanctuary.failed_logins_notified", obj=user, request=request)
        email_queue(
            template="sanctuary/emails/failed_logins",
            to=user.email,
            context={
                "attempts": settings.LOGIN_FAILURE_NOTICE_AFTER,
                "minutes": window // 60,
                "reset_url": settings.SITE_URL + reverse("account_reset_password"),
                "security_url": settings.SITE_URL + reverse("mfa_index"),
            },
        )
    return True


# --- Language -----------------------------------------------------------------------------------


@transaction.atomic
def language_preference_set(*, user: User, language: str, request=None) -> None:
    """Remember the language of ``user``'s emails and of the pages they land on after signing in."""
    if language not in dict(settings.LANGUAGES):
        raise Refused(_("That language is not offered."))
    User.objects.filter(pk=user.pk).update(preferred_language=language)
    user.preferred_language = language
    audit_record(
        actor=user,
        action="sanctuary.language_preference_set",
        obj=user,
        detail={"language": language},
        request=request,
    )
