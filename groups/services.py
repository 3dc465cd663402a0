"""Every state change of groups and the charter happens here, audited."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.db import IntegrityError, transaction
from django.db.models import Count, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from geography.selectors import area_for_postcode, point_for_postcode
from groups.models import (
    Activity,
    CharterSignature,
    CharterVersion,
    Group,
    GroupApplication,
    GroupContactMessage,
    GroupInvitation,
    GroupMembership,
    Organisation,
    OrganisationContact,
    OrganisationPledge,
)
from groups.selectors import PUBLIC_FIGURES, charter_current, group_page_topic
from groups.workflow import GROUP_APPLICATION, PLEDGE, SIGNATURE
from sanctuary.audit import audit_record
from sanctuary.errors import Refused
from sanctuary.figures_cache import figures_changed
from sanctuary.geography import REGION_NATION
from sanctuary.notifications import Reminder, email_queue, reminders_send
from sanctuary.unsubscribe import unsubscribe_headers, unsubscribe_url

CONFIRM_SALT = "groups.charter.confirm"
INVITE_SALT = "groups.invitation"
# The links in every email about a signature or a pledge, to withdraw it or change the consent
# to show a name. They name only the row (never an address or a name) and work for as long as the
# row exists: a right to withdraw does not expire, and a withdrawn row takes its links with it.
SIGNATURE_MANAGE_SALT = "groups.charter.manage"
PLEDGE_MANAGE_SALT = "groups.pledge.manage"
# Topics of sanctuary.figures_cache: the national totals (directory, home, charter page) and
# each group's public page. The services below forget them whenever the data under them changes.


class TokenError(Refused):
    """A confirmation or invitation link that is broken, expired or already used: a refusal
    like any other, which the link pages show as a link problem."""


# A double click, or a slow page sent again, submits a form twice: an identical invitation
# within this window is that, not a second one.
DUPLICATE_WINDOW = dt.timedelta(minutes=10)

# Paths under /groups/ that a group's own address must never take.
RESERVED_SLUGS = frozenset({"start", "applications", "invitations"})


def _unique_slug(model, base: str, *, max_length: int) -> str:
    root = (slugify(base) or "item")[: max_length - 6]
    slug, n = root, 2
    while slug in RESERVED_SLUGS or model.objects.filter(slug=slug).exists():
        slug = f"{root}-{n}"
        n += 1
    return slug


def _public_figures_changed(*, national: bool = True, group_ids: tuple[int | None, ...] = ()) -> None:
    topics = [group_page_topic(pk) for pk in group_ids if pk]
    if national:
        topics.append(PUBLIC_FIGURES)
    figures_changed(*topics)


def _lead_emails(group: Group) -> list[str]:
    return list(
        group.memberships.filter(role=GroupMembership.Role.LEAD, user__is_active=True).values_list(
            "user__email", flat=True
        )
    )


# --- Starting a group -------------------------------------------------------------------------


@transaction.atomic
def group_application_submit(
    *, applicant, name: str, area_served: str, nation: str, region: str, why: str, who_involved: str
) -> GroupApplication:
    # The applicant's row is locked so two copies of one submission are handled in turn; a
    # pending application for the same group name is the one already sent.
    get_user_model().objects.select_for_update(no_key=True).filter(pk=applicant.pk).first()
    pending = GroupApplication.objects.filter(
        applicant=applicant, name=name, status=GroupApplication.Status.PENDING
    ).first()
    if pending is not None:
        return pending
    application = GroupApplication.objects.create(
        applicant=applicant,
        name=name,
        area_served=area_served,
        nation=nation,
        region=region,
        why=why,
        who_involved=who_involved,
        accepted_guidelines=True,
    )
    audit_record(actor=applicant, action="groups.application_submitted", obj=application)
    return application


@transaction.atomic
def group_application_approve(*, application: GroupApplication, actor, slug: str = "") -> Group:
    """Create the group (forming) with the applicant as its first lead."""
    application = GroupApplication.objects.select_for_update().get(pk=application.pk)
    changed = GROUP_APPLICATION.move(application, "approve")
    group = Group.objects.create(
        name=application.name,
        slug=slug or _unique_slug(Group, application.name, max_length=80),
        area_served=application.area_served,
        nation=application.nation,
        region=application.region,
        status=Group.Status.FORMING,
        founded_on=timezone.localdate(),
    )
    GroupMembership.objects.create(group=group, user=application.applicant, role=GroupMembership.Role.LEAD)
    application.decided_by = actor
    application.decided_at = timezone.now()
    application.group = group
    application.save(update_fields=[*changed, "decided_by", "decided_at", "group"])
    audit_record(
        actor=actor, action="groups.application_approved", obj=application, detail={"group": group.pk}
    )
    email_queue(
        template="groups/emails/application_approved",
        to=application.applicant.email,
        context={"group_name": group.name, "slug": group.slug},
    )
    _public_figures_changed()
    return group


@transaction.atomic
def group_application_decline(*, application: GroupApplication, actor, reason: str) -> GroupApplication:
    application = GroupApplication.objects.select_for_update().get(pk=application.pk)
    changed = GROUP_APPLICATION.move(application, "decline")
    application.decision_reason = reason
    application.decided_by = actor
    application.decided_at = timezone.now()
    application.save(update_fields=[*changed, "decision_reason", "decided_by", "decided_at"])
    audit_record(actor=actor, action="groups.application_declined", obj=application)
    email_queue(
        template="groups/emails/application_declined",
        to=application.applicant.email,
        context={"group_name": application.name, "reason": reason},
    )
    return application


# --- The group and its people -----------------------------------------------------------------

GROUP_EDITABLE_FIELDS = (
    "name",
    "area_served",
    "nation",
    "region",
    "description",
    "website",
    "facebook_url",
    "instagram_url",
    "other_social_url",
    "status",
    "founded_on",
    "postcode",
)


@transaction.atomic
def group_update(*, group: Group, actor, data: dict, local_authorities=None, logo=None) -> Group:
    changed = [name for name in GROUP_EDITABLE_FIELDS if name in data and getattr(group, name) != data[name]]
    for name in changed:
        setattr(group, name, data[name])
    if "postcode" in changed:
        group.latitude, group.longitude = point_for_postcode(group.postcode)
        changed += ["latitude", "longitude"]
    if logo is not None:
        old_name, storage = group.logo.name, group.logo.storage
        group.logo.save(logo.name, logo, save=False)
        changed.append("logo")
        if old_name:
            # Only once the new name is committed: a rollback must not leave the group without its file.
            transaction.on_commit(lambda: storage.delete(old_name))
    if changed:
        group.save(update_fields=changed)
    if local_authorities is not None:
        group.local_authorities.set(local_authorities)
    audit_record(actor=actor, action="groups.group_updated", obj=group, detail={"fields": sorted(changed)})
    _public_figures_changed(group_ids=(group.pk,))
    return group


@transaction.atomic
def group_create(*, actor, data: dict, slug: str = "") -> Group:
    """Staff add an existing group directly (e.g. one that predates the platform)."""
    fields = {name: data[name] for name in GROUP_EDITABLE_FIELDS if name in data}
    if fields.get("postcode"):
        fields["latitude"], fields["longitude"] = point_for_postcode(fields["postcode"])
    group = Group.objects.create(slug=slug or _unique_slug(Group, fields["name"], max_length=80), **fields)
    audit_record(actor=actor, action="groups.group_created", obj=group)
    _public_figures_changed()
    return group


@transaction.atomic
def group_contact_send(*, group: Group, sender_name: str, sender_email: str, message: str) -> None:
    """Email the leads without revealing their addresses to the sender."""
    record = GroupContactMessage.objects.create(
        group=group, sender_name=sender_name, sender_email=sender_email, message=message
    )
    audit_record(actor=None, action="groups.contact_message_received", obj=record)
    email_queue(
        template="groups/emails/contact_message",
        to=_lead_emails(group),
        context={
            "group_name": group.name,
            "sender_name": sender_name,
            "sender_email": sender_email,
            "message": message,
        },
        # A lead's reply goes to the sender; the leads' own addresses are never shown to them.
        headers={"Reply-To": sender_email},
    )


@transaction.atomic
def membership_join(*, group: Group, user) -> GroupMembership:
    """A signed-in supporter joins a group as a member (leads are made by invitation or promotion)."""
    membership, created = GroupMembership.objects.get_or_create(group=group, user=user)
    if created:
        audit_record(actor=user, action="groups.member_joined", obj=membership)
    return membership


def invitation_token(invitation: GroupInvitation) -> str:
    return signing.dumps({"i": invitation.pk}, salt=INVITE_SALT)


@transaction.atomic
def invitation_create(*, group: Group, actor, email: str, role: str) -> GroupInvitation:
    email = email.strip().lower()
    # Two copies of one invitation (a double click) are handled in turn: the second finds the first.
    Group.objects.select_for_update(no_key=True).filter(pk=group.pk).first()
    just_sent = GroupInvitation.objects.filter(
        group=group,
        email=email,
        role=role,
        accepted_at__isnull=True,
        created_at__gte=timezone.now() - DUPLICATE_WINDOW,
    ).first()
    if just_sent is not None:
        return just_sent
    invitation = GroupInvitation.objects.create(group=group, email=email, role=role, invited_by=actor)
    audit_record(actor=actor, action="groups.invitation_sent", obj=invitation, detail={"role": role})
    email_queue(
        template="groups/emails/invitation",
        to=invitation.email,
        context={
            "group_name": group.name,
            "inviter": actor.display_name or _("A group lead"),
            "token": invitation_token(invitation),
            "days": settings.GROUP_INVITATION_DAYS,
        },
    )
    return invitation


def invitation_from_token(token: str) -> GroupInvitation:
    """Check the link: signed by us, not expired, still open. Raises TokenError."""
    max_age = dt.timedelta(days=settings.GROUP_INVITATION_DAYS)
    try:
        data = signing.loads(token, salt=INVITE_SALT, max_age=max_age)
    except signing.SignatureExpired as exc:
        raise TokenError(_("This invitation has expired. Ask the group lead to invite you again.")) from exc
    except signing.BadSignature as exc:
        raise TokenError(_("This invitation link is not valid.")) from exc
    invitation = GroupInvitation.objects.select_related("group").filter(pk=data.get("i")).first()
    if invitation is None:
        raise TokenError(_("This invitation link is not valid."))
    if invitation.accepted_at is not None:
        raise TokenError(_("This invitation has already been used."))
    return invitation


@transaction.atomic
def invitation_accept(*, token: str, user) -> GroupMembership:
    invitation = invitation_from_token(token)
    invitation = GroupInvitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.accepted_at is not None:
        raise TokenError(_("This invitation has already been used."))
    # The link may be forwarded: only the invited address may use it.
    if user.email.strip().lower() != invitation.email:
        raise TokenError(
            _("This invitation was sent to another email address. Sign in with that account to accept it.")
        )
    membership, created = GroupMembership.objects.get_or_create(
        group=invitation.group, user=user, defaults={"role": invitation.role}
    )
    if not created and invitation.role == GroupMembership.Role.LEAD and membership.role != invitation.role:
        membership.role = invitation.role
        membership.save(update_fields=["role"])
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    audit_record(actor=user, action="groups.invitation_accepted", obj=invitation)
    return membership


def _lock_leads(group_id: int) -> list[int]:
    """Lock the group's lead rows, in a fixed order, and return their ids.

    Two leads demoting or removing each other at the same moment both wait here; the second
    then sees the first's change, so the group can never end up without a lead.
    """
    return list(
        GroupMembership.objects.select_for_update()
        .filter(group_id=group_id, role=GroupMembership.Role.LEAD)
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def _is_last_lead(membership: GroupMembership) -> bool:
    leads = _lock_leads(membership.group_id)
    return leads == [membership.pk]


LAST_LEAD_MESSAGE = "A group must always keep at least one lead. Make someone else a lead first."


@transaction.atomic
def membership_set_role(*, membership: GroupMembership, actor, role: str) -> GroupMembership:
    _lock_leads(membership.group_id)
    membership = GroupMembership.objects.select_for_update().get(pk=membership.pk)
    if membership.role == role:
        return membership
    if membership.role == GroupMembership.Role.LEAD and _is_last_lead(membership):
        raise Refused(_(LAST_LEAD_MESSAGE))
    membership.role = role
    membership.save(update_fields=["role"])
    audit_record(actor=actor, action="groups.member_role_changed", obj=membership, detail={"role": role})
    return membership


@transaction.atomic
def membership_remove(*, membership: GroupMembership, actor) -> None:
    _lock_leads(membership.group_id)
    membership = GroupMembership.objects.select_for_update().get(pk=membership.pk)
    if membership.role == GroupMembership.Role.LEAD and _is_last_lead(membership):
        raise Refused(_(LAST_LEAD_MESSAGE))
    audit_record(
        actor=actor, action="groups.member_removed", obj=membership, detail={"group": membership.group_id}
    )
    membership.delete()


@transaction.atomic
def activity_record(*, group: Group, actor, data: dict) -> Activity:
    activity = Activity.objects.create(group=group, created_by=actor, **data)
    audit_record(actor=actor, action="groups.activity_recorded", obj=activity)
    _public_figures_changed(national=False, group_ids=(group.pk,))
    return activity


ACTIVITY_FIELDS = ("date", "kind", "title", "description", "attendance", "lived_experience")


@transaction.atomic
def activity_update(*, activity: Activity, actor, data: dict) -> Activity:
    """Correct a recorded activity (the group's leads, or national staff)."""
    activity = Activity.objects.select_for_update().get(pk=activity.pk)
    changed = [name for name in ACTIVITY_FIELDS if name in data and getattr(activity, name) != data[name]]
    for name in changed:
        setattr(activity, name, data[name])
    if changed:
        activity.save(update_fields=changed)
    audit_record(
        actor=actor,
        action="groups.activity_updated",
        obj=activity,
        detail={"group": activity.group_id, "fields": sorted(changed)},
    )
    _public_figures_changed(national=False, group_ids=(activity.group_id,))
    return activity


@transaction.atomic
def activity_delete(*, activity: Activity, actor) -> None:
    audit_record(
        actor=actor, action="groups.activity_deleted", obj=activity, detail={"group": activity.group_id}
    )
    _public_figures_changed(national=False, group_ids=(activity.group_id,))
    activity.delete()


@transaction.atomic
def group_councils_set(*, group: Group, councils, actor, request=None) -> Group:
    """Say which councils' areas a group covers (the admin's list; directory pages show it)."""
    before = set(group.local_authorities.values_list("code", flat=True))
    group.local_authorities.set(councils)
    after = set(group.local_authorities.values_list("code", flat=True))
    if before != after:
        audit_record(
            actor=actor,
            action="groups.councils_changed",
            obj=group,
            detail={"added": sorted(after - before), "removed": sorted(before - after)},
            request=request,
        )
        _public_figures_changed(group_ids=(group.pk,))
    return group


# --- Charter: versions and signatures -------------------------------------------------------


@transaction.atomic
def charter_version_publish(
    *,
    actor,
    title: str,
    text: str,
    organisation_pledge: str = "",
    title_cy: str = "",
    text_cy: str = "",
    organisation_pledge_cy: str = "",
) -> CharterVersion:
    latest = CharterVersion.objects.select_for_update().order_by("-number").first()
    version = CharterVersion.objects.create(
        number=(latest.number + 1) if latest else 1,
        title=title,
        title_cy=title_cy,
        text=text,
        text_cy=text_cy,
        organisation_pledge=organisation_pledge,
        organisation_pledge_cy=organisation_pledge_cy,
        published_by=actor if getattr(actor, "pk", None) else None,
    )
    audit_record(actor=actor, action="groups.charter_published", obj=version)
    return version


def confirmation_token(signature: CharterSignature) -> str:
    return signing.dumps({"s": signature.pk}, salt=CONFIRM_SALT)


def signature_manage_token(signature: CharterSignature) -> str:
    return signing.dumps({"s": signature.pk}, salt=SIGNATURE_MANAGE_SALT)


def pledge_manage_token(pledge: OrganisationPledge) -> str:
    return signing.dumps({"p": pledge.pk}, salt=PLEDGE_MANAGE_SALT)


def _manage_link_row(token: str, *, salt: str, key: str, queryset):
    try:
        data = signing.loads(token, salt=salt)
    except signing.BadSignature as exc:
        raise TokenError(
            _("This link is not valid. Check that you copied the whole link from the email.")
        ) from exc
    pk = data.get(key) if isinstance(data, dict) else None
    row = queryset.filter(pk=pk).first() if isinstance(pk, int) else None
    if row is None:
        raise TokenError(_("There is nothing at this link any more: it may have been withdrawn already."))
    return row


def signature_from_manage_token(token: str) -> CharterSignature:
    """The signature a withdraw-or-correct link names; ``TokenError`` when there is none."""
    return _manage_link_row(
        token, salt=SIGNATURE_MANAGE_SALT, key="s", queryset=CharterSignature.objects.select_related("group")
    )


def pledge_from_manage_token(token: str) -> OrganisationPledge:
    """The organisation pledge a withdraw link names; ``TokenError`` when there is none."""
    pledges = OrganisationPledge.objects.select_related("organisation")
    return _manage_link_row(token, salt=PLEDGE_MANAGE_SALT, key="p", queryset=pledges)


def _manage_url(name: str, token: str) -> str:
    return settings.SITE_URL + reverse(name, args=[token])


@transaction.atomic
def signature_create(
    *,
    name: str,
    email: str,
    place: str,
    region: str = "",
    postcode: str = "",
    group: Group | None = None,
    consent_group_contact: bool,
    consent_public_name: bool,
) -> CharterSignature:
    """Record a signature and email a confirmation link.

    Signing again with the same address never makes a second row: an unconfirmed one is
    refreshed and sent a new link; a confirmed one is left alone and told it already counts.
    """
    email = email.strip().lower()
    signature = CharterSignature.objects.select_for_update().filter(email=email).first()
    council_gss, constituency_code = area_for_postcode(postcode)
    details = {
        "name": name,
        "place": place,
        "region": region,
        "postcode": postcode,
        "council_gss": council_gss,
        "constituency_code": constituency_code,
        "nation": REGION_NATION.get(region, ""),
        "group": group,
        "consent_group_contact": consent_group_contact,
        "consent_public_name": consent_public_name,
    }
    if signature is not None and not SIGNATURE.allowed(signature, "sign_again"):
        audit_record(actor=None, action="groups.signature_repeat_refused", obj=signature)
        email_queue(
            template="groups/emails/already_signed",
            to=email,
            context={
                "name": signature.name,
                "manage_url": _manage_url("charter:signature", signature_manage_token(signature)),
            },
        )
        return signature
    if signature is None:
        try:
            # Two submissions of a new address at once: the unique email lets only one in.
            with transaction.atomic():
                signature = CharterSignature.objects.create(
                    email=email, charter_version=charter_current(), **details
                )
        except IntegrityError:
            return CharterSignature.objects.get(email=email)
        audit_record(actor=None, action="groups.charter_signed", obj=signature)
    else:
        for key, value in details.items():
            setattr(signature, key, value)
        signature.created_at = timezone.now()
        signature.save(update_fields=[*details.keys(), "created_at"])
        audit_record(actor=None, action="groups.unconfirmed_signature_replaced", obj=signature)
    email_queue(
        template="groups/emails/confirm_signature",
        to=email,
        context={
            "name": name,
            "token": confirmation_token(signature),
            "hours": settings.CHARTER_CONFIRMATION_HOURS,
            "manage_url": _manage_url("charter:signature", signature_manage_token(signature)),
        },
    )
    return signature


@transaction.atomic
def signature_confirm(*, token: str) -> CharterSignature:
    max_age = dt.timedelta(hours=settings.CHARTER_CONFIRMATION_HOURS)
    try:
        data = signing.loads(token, salt=CONFIRM_SALT, max_age=max_age)
    except signing.SignatureExpired as exc:
        raise TokenError(_("This confirmation link has expired. Please sign the charter again.")) from exc
    except signing.BadSignature as exc:
        raise TokenError(_("This confirmation link is not valid.")) from exc
    signature = CharterSignature.objects.select_for_update().filter(pk=data.get("s")).first()
    if signature is None:
        raise TokenError(_("This confirmation link is no longer valid. Please sign the charter again."))
    SIGNATURE.check(signature, "confirm")
    signature.confirmed_at = timezone.now()
    signature.save(update_fields=["confirmed_at"])
    audit_record(actor=None, action="groups.signature_confirmed", obj=signature)
    _public_figures_changed(group_ids=(signature.group_id,))
    return signature


@transaction.atomic
def signature_withdraw(*, signature: CharterSignature, actor=None, request=None) -> None:
    """The signer withdraws: the row is deleted, not hidden, and the public counts forget it.

    Quiet when it is gone already (the same link used twice)."""
    signature = CharterSignature.objects.select_for_update().filter(pk=signature.pk).first()
    if signature is None:
        return
    audit_record(
        actor=actor,
        action="groups.signature_withdrawn",
        obj=signature,
        detail={"confirmed": signature.is_confirmed, "group": signature.group_id},
        request=request,
    )
    group_id = signature.group_id
    signature.delete()
    _public_figures_changed(group_ids=(group_id,))


@transaction.atomic
def signature_consent_set(
    *, signature: CharterSignature, consent_public_name: bool, actor=None, request=None
) -> CharterSignature:
    """The signer changes whether their name is shown publicly. Quiet when nothing changes."""
    signature = CharterSignature.objects.select_for_update().get(pk=signature.pk)
    if signature.consent_public_name == consent_public_name:
        return signature
    signature.consent_public_name = consent_public_name
    signature.save(update_fields=["consent_public_name"])
    audit_record(
        actor=actor,
        action="groups.signature_consent_changed",
        obj=signature,
        detail={"consent_public_name": consent_public_name},
        request=request,
    )
    _public_figures_changed(group_ids=(signature.group_id,))
    return signature


@transaction.atomic
def signatures_purge_unconfirmed(*, now: dt.datetime | None = None) -> int:
    cutoff = (now or timezone.now()) - dt.timedelta(days=settings.CHARTER_UNCONFIRMED_PURGE_DAYS)
    # SIGNATURE's "purge" is allowed from "unconfirmed" only: the same rule, as a query.
    deleted, _detail = CharterSignature.objects.filter(
        confirmed_at__isnull=True, created_at__lt=cutoff
    ).delete()
    if deleted:
        audit_record(
            actor=None,
            action="groups.unconfirmed_signatures_purged",
            object_type="groups.chartersignature",
            detail={"count": deleted},
        )
    return deleted


@transaction.atomic
def contact_messages_purge(*, now: dt.datetime | None = None) -> int:
    cutoff = (now or timezone.now()) - dt.timedelta(days=settings.GROUP_CONTACT_MESSAGE_DAYS)
    deleted, _detail = GroupContactMessage.objects.filter(created_at__lt=cutoff).delete()
    if deleted:
        audit_record(
            actor=None,
            action="groups.contact_messages_purged",
            object_type="groups.groupcontactmessage",
            detail={"count": deleted},
        )
    return deleted


def export_record(*, actor, request, group: Group | None, rows: int) -> None:
    from sanctuary.audit import access_record

    audit_record(
        actor=actor,
        action="groups.signatures_exported",
        obj=group,
        object_type=None if group else "groups.chartersignature",
        detail={"rows": rows, "scope": "group" if group else "all"},
        request=request,
    )
    access_record(
        request=request, kind="export", obj=group, object_type=None if group else "groups.chartersignature"
    )


# --- Supporting organisations -----------------------------------------------------------------


@transaction.atomic
def organisation_save(*, organisation: Organisation, actor, request=None) -> Organisation:
    """Create or change an organisation (national staff, in the admin)."""
    adding = organisation._state.adding
    organisation.save()
    audit_record(
        actor=actor,
        action="groups.organisation_created" if adding else "groups.organisation_updated",
        obj=organisation,
        request=request,
    )
    _public_figures_changed(group_ids=(organisation.group_id,))
    return organisation


@transaction.atomic
def organisation_delete(*, organisation: Organisation, actor, request=None) -> None:
    """Delete an organisation that nothing else needs (awards and applications protect theirs)."""
    audit_record(actor=actor, action="groups.organisation_deleted", obj=organisation, request=request)
    _public_figures_changed(group_ids=(organisation.group_id,))
    organisation.delete()


@transaction.atomic
def organisation_contact_save(*, contact: OrganisationContact, actor, request=None) -> OrganisationContact:
    """Make a person a contact of an organisation (they may then apply for its awards)."""
    adding = contact._state.adding
    contact.save()
    audit_record(
        actor=actor,
        action="groups.organisation_contact_added" if adding else "groups.organisation_contact_updated",
        obj=contact,
        detail={"organisation": contact.organisation_id},
        request=request,
    )
    return contact


@transaction.atomic
def organisation_contact_remove(*, contact: OrganisationContact, actor, request=None) -> None:
    audit_record(
        actor=actor,
        action="groups.organisation_contact_removed",
        obj=contact,
        detail={"organisation": contact.organisation_id},
        request=request,
    )
    contact.delete()


def _pending_pledge(*, name: str, contact_email: str) -> OrganisationPledge | None:
    """A pledge still waiting for a decision from the same organisation and contact: a form
    sent twice (a double click, or a slow page sent again) is kept once."""
    return (
        OrganisationPledge.objects.filter(
            status=OrganisationPledge.Status.PENDING, contact_email=contact_email, organisation__name=name
        )
        .select_related("organisation")
        .first()
    )


@transaction.atomic
def organisation_pledge_sign(
    *,
    name: str,
    org_type: str,
    website: str,
    address: str,
    postcode: str,
    region: str,
    size_band: str,
    group: Group | None,
    contact_name: str,
    contact_email: str,
    user=None,
) -> OrganisationPledge:
    contact_email = contact_email.strip().lower()
    if (pending := _pending_pledge(name=name, contact_email=contact_email)) is not None:
        return pending
    for attempt in range(3):
        try:
            with transaction.atomic():
                organisation = Organisation.objects.create(
                    name=name,
                    slug=_unique_slug(Organisation, name, max_length=100),
                    org_type=org_type,
                    website=website,
                    address=address,
                    postcode=postcode,
                    region=region,
                    nation=REGION_NATION.get(region, ""),
                    size_band=size_band,
                    group=group,
                )
            break
        except IntegrityError:
            # Another submission took the same address at the same moment: the same pledge sent
            # twice (keep the first), or another organisation of that name (take the next address).
            if (pending := _pending_pledge(name=name, contact_email=contact_email)) is not None:
                return pending
            if attempt == 2:
                raise
    pledge = OrganisationPledge.objects.create(
        organisation=organisation,
        contact_name=contact_name,
        contact_email=contact_email,
        signed_by=user if getattr(user, "pk", None) else None,
        charter_version=charter_current(),
    )
    if getattr(user, "pk", None):
        OrganisationContact.objects.get_or_create(organisation=organisation, user=user)
    audit_record(actor=user, action="groups.pledge_submitted", obj=pledge)
    # A pending pledge shows in its group's workspace (cached with the group's page figures).
    _public_figures_changed(national=False, group_ids=(getattr(group, "pk", None),))
    email_queue(
        template="groups/emails/pledge_received",
        to=pledge.contact_email,
        context={
            "organisation": name,
            "manage_url": _manage_url("charter:pledge", pledge_manage_token(pledge)),
        },
    )
    if group is not None:
        email_queue(
            template="groups/emails/pledge_to_approve",
            to=_lead_emails(group),
            context={"organisation": name, "group_name": group.name, "slug": group.slug},
        )
    return pledge


@transaction.atomic
def organisation_pledge_decide(
    *, pledge: OrganisationPledge, actor, approve: bool, reason: str = ""
) -> OrganisationPledge:
    pledge = OrganisationPledge.objects.select_for_update().select_related("organisation").get(pk=pledge.pk)
    changed = PLEDGE.move(pledge, "approve" if approve else "decline")
    pledge.decision_reason = reason
    pledge.decided_by = actor
    pledge.decided_at = timezone.now()
    pledge.save(update_fields=[*changed, "decision_reason", "decided_by", "decided_at"])
    audit_record(actor=actor, action=f"groups.pledge_{pledge.status}", obj=pledge)
    email_queue(
        template="groups/emails/pledge_decided",
        to=pledge.contact_email,
        context={
            "organisation": pledge.organisation.name,
            "approved": approve,
            "reason": reason,
            "manage_url": _manage_url("charter:pledge", pledge_manage_token(pledge)),
        },
    )
    _public_figures_changed(group_ids=(pledge.organisation.group_id,))
    return pledge


@transaction.atomic
def organisation_pledge_withdraw(*, pledge: OrganisationPledge, actor=None, request=None) -> None:
    """The organisation's contact withdraws its pledge: the pledge (with the contact's name and
    address) is deleted and the organisation leaves the public list. The organisation itself
    stays: award applications and other contacts may refer to it. Quiet when gone already."""
    pledge = (
        OrganisationPledge.objects.select_for_update(of=("self",))
        .select_related("organisation")
        .filter(pk=pledge.pk)
        .first()
    )
    if pledge is None:
        return
    audit_record(
        actor=actor,
        action="groups.pledge_withdrawn",
        obj=pledge,
        detail={"organisation": pledge.organisation_id, "status": pledge.status},
        request=request,
    )
    group_id = pledge.organisation.group_id
    pledge.delete()
    _public_figures_changed(group_ids=(group_id,))


# --- Weekly digest ----------------------------------------------------------------------------

DIGEST_RULE = "weekly_digest"
# The digest's one-click unsubscribe topic (sanctuary.unsubscribe).
DIGEST_TOPIC = "groups.weekly_digest"
# Groups whose digests are recorded and stored together (a fixed number of queries each).
DIGEST_BATCH = 500


@transaction.atomic
def digest_preference_set(*, user, weekly_digest: bool, request=None) -> None:
    """Turn a lead's weekly digest on or off (the digest sweep honours it from its next run)."""
    get_user_model().objects.filter(pk=user.pk).update(weekly_digest_emails=weekly_digest)
    user.weekly_digest_emails = weekly_digest
    audit_record(
        actor=user,
        action="groups.digest_preference_set",
        obj=user,
        detail={"weekly_digest": weekly_digest},
        request=request,
    )


def digests_send(*, week_start: dt.date) -> int:
    """Tell each open group's leads about last week's new signatures and members, once per group
    and week (the reminder log's key), in a fixed number of queries per batch of groups.

    Returns how many groups' digests this run recorded; a group whose digest for the week was
    recorded before (a repeated or concurrent run) is not sent again.
    """
    start = timezone.make_aware(dt.datetime.combine(week_start - dt.timedelta(days=7), dt.time.min))
    end = timezone.make_aware(dt.datetime.combine(week_start, dt.time.min))

    def count_in_week(queryset, field: str) -> Coalesce:
        counted = (
            queryset.filter(group=OuterRef("pk"), **{f"{field}__gte": start, f"{field}__lt": end})
            .order_by()
            .values("group")
            .annotate(n=Count("pk"))
            .values("n")
        )
        return Coalesce(Subquery(counted), 0)

    active = list(
        Group.objects.exclude(status=Group.Status.CLOSED)
        .annotate(
            new_signatures=count_in_week(CharterSignature.objects.all(), "confirmed_at"),
            new_members=count_in_week(GroupMembership.objects.all(), "joined_at"),
        )
        .filter(Q(new_signatures__gt=0) | Q(new_members__gt=0))
        .order_by("pk")
        .values_list("pk", "name", "slug", "new_signatures", "new_members")
    )
    recorded = 0
    for first in range(0, len(active), DIGEST_BATCH):
        batch = active[first : first + DIGEST_BATCH]
        leads: dict[int, dict[str, int]] = defaultdict(dict)
        for group_id, email, user_id in GroupMembership.objects.filter(
            group_id__in=[row[0] for row in batch],
            role=GroupMembership.Role.LEAD,
            user__is_active=True,
            user__weekly_digest_emails=True,
        ).values_list("group_id", "user__email", "user_id"):
            leads[group_id][email.strip().lower()] = user_id
        unsubscribe_urls = {
            address: unsubscribe_url(user_id=user_id, topic=DIGEST_TOPIC)
            for group_leads in leads.values()
            for address, user_id in group_leads.items()
        }
        reminders = [
            Reminder(
                object_type=Group._meta.label_lower,
                object_id=str(pk),
                rule=DIGEST_RULE,
                reference_date=week_start,
                template="groups/emails/weekly_digest",
                to=tuple(leads[pk]),
                context={
                    "group_name": name,
                    "slug": slug,
                    "signatures": signatures,
                    "members": members,
                    "week_start": (week_start - dt.timedelta(days=7)).isoformat(),
                },
                recipient_context={a: {"unsubscribe_url": unsubscribe_urls[a]} for a in leads[pk]},
                headers={a: unsubscribe_headers(unsubscribe_urls[a]) for a in leads[pk]},
            )
            for pk, name, slug, signatures, members in batch
            if leads[pk]
        ]
        recorded += len(reminders_send(reminders))
    return recorded
