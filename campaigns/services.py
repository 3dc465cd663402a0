"""Every state change of the campaigns app. Views, tasks, commands and the admin call these."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from campaigns import schema, selectors, tokens
from campaigns.models import (
    Action,
    ActionType,
    Campaign,
    PledgeSignature,
    ProgressStep,
    ProgressTick,
    SupporterPreference,
)
from campaigns.selectors import FIGURES_TOPIC
from campaigns.workflow import ACTION, CAMPAIGN, PROGRESS_STEP
from geography.selectors import area_for_postcode
from groups.models import GroupMembership
from sanctuary import unsubscribe
from sanctuary.audit import audit_record, audit_record_many
from sanctuary.errors import Refused
from sanctuary.figures_cache import figures_changed
from sanctuary.geography import REGION_NATION
from sanctuary.i18n import localised_lazy
from sanctuary.notifications import Reminder, email_queue, reminders_send

FOLLOW_UP_RULE = "campaigns.follow_up"
# A double click, or a slow page sent again, logs the same action twice: the same action from
# the same person within this window is taken to be that, not a second action.
DUPLICATE_WINDOW = dt.timedelta(minutes=10)


# --- checks (raise Refused; services assume they passed) ------------------------------------


def check_can_log_for_group(*, user, group) -> None:
    if group is None:
        return
    is_lead = GroupMembership.objects.filter(user=user, group=group, role=GroupMembership.Role.LEAD).exists()
    if not is_lead:
        raise Refused(_("Only a lead of the group can log an action on its behalf."), code="not_lead")


def check_action_allowed(*, campaign: Campaign, action_type: ActionType) -> None:
    CAMPAIGN.check(campaign, "log_action")
    if not campaign.action_types.filter(pk=action_type.pk).exists():
        raise Refused(_("This campaign does not ask for that kind of action."), code="wrong_type")


def check_outcome_allowed(*, action: Action) -> None:
    if not action.action_type.expects_outcome:
        raise Refused(_("This kind of action does not record an outcome."), code="no_outcome")


# --- staff set-up -----------------------------------------------------------------------------


@transaction.atomic
def action_type_save(*, action_type: ActionType, actor, request=None) -> ActionType:
    """Save a type after checking its field definitions; whether it expects a response
    follows from having outcome fields, so the follow-up sweep can filter on a column."""
    schema.validate_fields(action_type.detail_fields)
    schema.validate_fields(action_type.outcome_fields)
    action_type.expects_outcome = bool(action_type.outcome_fields)
    adding = action_type._state.adding
    action_type.save()
    # Cached figures name the types and count responses by whether a type expects one.
    figures_changed(FIGURES_TOPIC)
    audit_record(
        actor=actor,
        action="campaigns.action_type_created" if adding else "campaigns.action_type_updated",
        obj=action_type,
        request=request,
    )
    return action_type


@transaction.atomic
def campaign_save(*, campaign: Campaign, actor, request=None) -> Campaign:
    adding = campaign._state.adding
    old_status = (
        None if adding else Campaign.objects.filter(pk=campaign.pk).values_list("status", flat=True).first()
    )
    campaign.save()
    # Campaign pages cache what the campaign asks for alongside its figures. The admin sets the
    # action types after this save, in the same transaction: forgetting again at commit covers it.
    figures_changed(FIGURES_TOPIC)
    audit_record(
        actor=actor,
        action="campaigns.campaign_created" if adding else "campaigns.campaign_updated",
        obj=campaign,
        detail={"status": campaign.status, "old_status": old_status},
        request=request,
    )
    return campaign


# --- actions ----------------------------------------------------------------------------------


@transaction.atomic
def action_log(
    *,
    campaign: Campaign,
    action_type: ActionType,
    user,
    done_on: dt.date,
    region: str,
    details: dict[str, Any],
    place: str = "",
    link: str = "",
    photo=None,
    is_public: bool = False,
    group=None,
    constituency_code: str = "",
    request=None,
) -> Action:
    """Record an action. Inputs were validated by ``ActionForm`` (or the checks above)."""
    check_action_allowed(campaign=campaign, action_type=action_type)
    check_can_log_for_group(user=user, group=group)
    # Lock the person's row so two copies of one submission are handled one after the other.
    get_user_model().objects.select_for_update(no_key=True).filter(pk=user.pk).first()
    same = {
        "campaign": campaign,
        "action_type": action_type,
        "user": user,
        "group": group,
        "done_on": done_on,
        "place": place.strip(),
        "region": region,
        "link": link,
        "is_public": is_public,
    }
    recent = Action.objects.filter(**same, created_at__gte=timezone.now() - DUPLICATE_WINDOW)
    if duplicate := next((earlier for earlier in recent if earlier.details == details), None):
        return duplicate
    action = Action(
        campaign=campaign,
        action_type=action_type,
        user=user,
        **_action_fields(
            action_type,
            done_on=done_on,
            place=place,
            region=region,
            details=details,
            link=link,
            is_public=is_public,
            group=group,
            constituency_code=constituency_code,
        ),
    )
    if photo:
        action.photo.save(photo.name, photo, save=False)
    action.save()
    figures_changed(FIGURES_TOPIC)
    audit_record(
        actor=user,
        action="campaigns.action_logged",
        obj=action,
        detail={
            "campaign": campaign.pk,
            "type": action_type.slug,
            "group": getattr(group, "pk", None),
            "public": is_public,
        },
        request=request,
    )
    return action


def _action_fields(
    action_type: ActionType, *, done_on, place, region, details, link, is_public, group, constituency_code=""
) -> dict:
    """The stored fields of an action, as logging and correcting it both write them."""
    council_gss, place_constituency = area_for_postcode(place)
    return {
        "constituency_code": constituency_code or place_constituency,
        "council_gss": council_gss,
        "done_on": done_on,
        "place": place.strip(),
        "region": region,
        "nation": REGION_NATION[region],
        "details": details,
        "breakdown_value": _breakdown(action_type, details),
        "link": link,
        "is_public": is_public,
        "group_id": getattr(group, "pk", None),
    }


def _breakdown(action_type: ActionType, details: dict[str, Any]) -> str:
    if not action_type.breakdown_field:
        return ""
    return str(details.get(action_type.breakdown_field) or "").strip()[:120]


def _photo_forget(name: str, storage) -> None:
    """Delete a photo file once the change that dropped it is committed: a rollback keeps it."""
    if name:
        transaction.on_commit(lambda: storage.delete(name))


@transaction.atomic
def action_update(
    *,
    action: Action,
    actor,
    done_on: dt.date,
    region: str,
    details: dict[str, Any],
    place: str = "",
    link: str = "",
    photo=None,
    is_public: bool = False,
    group=None,
    constituency_code: str = "",
    request=None,
) -> Action:
    """Correct a logged action (its author, or national staff). Inputs were validated by
    ``ActionForm``; a new photo replaces the old one, no photo keeps it."""
    action = (
        Action.objects.select_for_update(of=("self",))
        .select_related("campaign", "action_type")
        .get(pk=action.pk)
    )
    ACTION.check(action, "edit")
    # The group stays the author's to speak for, whoever corrects the action.
    check_can_log_for_group(user=action.user, group=group)
    values = _action_fields(
        action.action_type,
        done_on=done_on,
        place=place,
        region=region,
        details=details,
        link=link,
        is_public=is_public,
        group=group,
        constituency_code=constituency_code,
    )
    changed = [name for name, value in values.items() if getattr(action, name) != value]
    for name in changed:
        setattr(action, name, values[name])
    if photo:
        _photo_forget(action.photo.name, action.photo.storage)
        action.photo.save(photo.name, photo, save=False)
        changed.append("photo")
    if changed:
        action.save(update_fields=[name.removesuffix("_id") for name in changed])
    figures_changed(FIGURES_TOPIC)
    audit_record(
        actor=actor,
        action="campaigns.action_updated",
        obj=action,
        detail={
            "campaign": action.campaign_id,
            "fields": sorted(name.removesuffix("_id") for name in changed),
        },
        request=request,
    )
    return action


@transaction.atomic
def action_delete(*, action: Action, actor, request=None) -> None:
    """Delete one action (its author, or national staff), as the admin's ``actions_delete``."""
    action = (
        Action.objects.select_for_update(of=("self",)).select_related("campaign").filter(pk=action.pk).first()
    )
    if action is None:
        return  # deleted already: a second click on the same button
    ACTION.check(action, "delete")
    actions_delete(actions=Action.objects.filter(pk=action.pk), actor=actor, request=request)


@transaction.atomic
def action_outcome_record(*, action: Action, outcome: dict[str, Any], actor, request=None) -> Action:
    ACTION.check(action, "record_outcome")
    check_outcome_allowed(action=action)
    action_type = action.action_type
    action.outcome = outcome
    action.outcome_positive = (
        outcome.get(action_type.rate_field) == action_type.rate_value if action_type.rate_field else None
    )
    action.outcome_recorded_at = timezone.now()
    # A recorded outcome makes the follow-up pointless; settle it so the sweep skips it.
    action.follow_up_settled_at = action.follow_up_settled_at or action.outcome_recorded_at
    action.save(update_fields=["outcome", "outcome_positive", "outcome_recorded_at", "follow_up_settled_at"])
    figures_changed(FIGURES_TOPIC)
    audit_record(
        actor=actor,
        action="campaigns.outcome_recorded",
        obj=action,
        detail={"positive": action.outcome_positive},
        request=request,
    )
    return action


@transaction.atomic
def actions_delete(*, actions: QuerySet[Action], actor, request=None) -> int:
    """Delete actions (staff removing spam or a mistake, from the admin); returns how many.

    Audited one row per action, as each was logged; the cached figures counting them are
    forgotten and their photos deleted once the deletion is committed.
    """
    doomed = list(
        actions.order_by("pk").select_related("action_type").only("campaign_id", "action_type__slug", "photo")
    )
    if not doomed:
        return 0
    audit_record_many(
        actor=actor,
        action="campaigns.action_deleted",
        objects=doomed,
        detail=lambda action: {"campaign": action.campaign_id, "type": action.action_type.slug},
        request=request,
    )
    Action.objects.filter(pk__in=[action.pk for action in doomed]).delete()
    for action in doomed:
        _photo_forget(action.photo.name, action.photo.storage)
    figures_changed(FIGURES_TOPIC)
    return len(doomed)


# --- follow-up --------------------------------------------------------------------------------


# Actions settled per transaction: their reminders are recorded and their emails rendered
# together, in a fixed number of queries, while those rows are locked.
FOLLOW_UP_BATCH = 500
# The follow-ups' one-click unsubscribe topic (sanctuary.unsubscribe).
FOLLOW_UP_TOPIC = "campaigns.follow_up"


def _follow_up(action: Action) -> Reminder:
    user = action.user
    unsubscribe_url = unsubscribe.unsubscribe_url(user_id=user.pk, topic=FOLLOW_UP_TOPIC)
    return Reminder.about(
        action,
        rule=FOLLOW_UP_RULE,
        reference_date=action.done_on,
        template="campaigns/emails/follow_up",
        to=user.email,
        context={
            "name": user.display_name,
            "campaign": localised_lazy(action.campaign, "title"),
            "action_type": localised_lazy(action.action_type, "name"),
            "done_on": action.done_on.isoformat(),
            "outcome_url": settings.SITE_URL
            + reverse("campaigns:outcome", args=[tokens.outcome_token(action)]),
            "unsubscribe_url": unsubscribe_url,
            "link_days": settings.CAMPAIGN_OUTCOME_LINK_DAYS,
        },
        headers={user.email.strip().lower(): unsubscribe.unsubscribe_headers(unsubscribe_url)},
    )


@transaction.atomic
def follow_ups_send(*, today: dt.date | None = None, limit: int = FOLLOW_UP_BATCH) -> dict[str, int]:
    """Email the owners of up to ``limit`` due actions once each, and settle those actions.

    A fixed number of queries whatever ``limit``: the due rows with everything the email needs
    (their owner's preference included), the reminder log rows, the emails, the settling. The
    rows are locked and locked ones skipped, so two sweeps at once share the work; the reminder
    log's unique key stops a second email even if a row were handled twice. People who turned
    follow-ups off, or whose account is closed, are settled without an email.
    """
    opted_out = SupporterPreference.objects.filter(user=OuterRef("user_id"), follow_up_emails=False)
    actions = list(
        selectors.follow_up_due(today)
        .select_for_update(of=("self",), skip_locked=True)
        .select_related("user", "campaign", "action_type")
        .annotate(opted_out=Exists(opted_out))
        .order_by("pk")[:limit]
    )
    if not actions:
        return {"sent": 0, "skipped": 0}
    wanted = [action for action in actions if action.user.is_active and not action.opted_out]
    sent = reminders_send([_follow_up(action) for action in wanted])
    Action.objects.filter(pk__in=[action.pk for action in actions]).update(
        follow_up_settled_at=timezone.now()
    )
    return {"sent": len(sent), "skipped": len(actions) - len(sent)}


def follow_up_sweep_run(today: dt.date | None = None, *, batch: int = FOLLOW_UP_BATCH) -> dict[str, int]:
    """Send every due follow-up, a batch (one transaction) at a time, until none is left."""
    counts = {"sent": 0, "skipped": 0}
    while True:
        done = follow_ups_send(today=today, limit=batch)
        counts["sent"] += done["sent"]
        counts["skipped"] += done["skipped"]
        if done["sent"] + done["skipped"] < batch:
            return counts


@transaction.atomic
def preference_set(*, user, follow_up_emails: bool, request=None) -> SupporterPreference:
    preference, _created = SupporterPreference.objects.select_for_update().get_or_create(user=user)
    preference.follow_up_emails = follow_up_emails
    preference.updated_at = timezone.now()
    preference.save(update_fields=["follow_up_emails", "updated_at"])
    audit_record(
        actor=user,
        action="campaigns.follow_up_preference_set",
        obj=preference,
        detail={"follow_up_emails": follow_up_emails},
        request=request,
    )
    return preference


# --- personal progress ------------------------------------------------------------------------


@transaction.atomic
def progress_tick(*, user, step: str, ticked: bool, request=None) -> None:
    """Tick or untick a step by hand; refused for a step the person's logged actions did."""
    if step not in ProgressStep.values:
        raise Refused(_("Unknown step."), code="unknown_step")
    # The person's row is locked so a tick and an action logged at the same moment are seen in turn.
    get_user_model().objects.select_for_update(no_key=True).filter(pk=user.pk).first()
    (progress,) = selectors.progress_steps(user, only=step)
    PROGRESS_STEP.check(progress, "tick" if ticked else "untick")
    if ticked:
        _tick, created = ProgressTick.objects.get_or_create(user=user, step=step)
        changed = created
    else:
        changed = ProgressTick.objects.filter(user=user, step=step).delete()[0] > 0
    if changed:
        audit_record(
            actor=user,
            action="campaigns.progress_ticked" if ticked else "campaigns.progress_unticked",
            object_type="campaigns.progresstick",
            detail={"step": step},
            request=request,
        )


# --- pledges ----------------------------------------------------------------------------------


def _pledge_email(signature: PledgeSignature) -> None:
    campaign = signature.campaign
    email_queue(
        template="campaigns/emails/pledge_confirm",
        to=signature.email,
        context={
            "name": signature.name,
            "campaign": localised_lazy(campaign, "title"),
            "statement": localised_lazy(campaign, "pledge_statement"),
            "confirm_url": settings.SITE_URL
            + reverse("campaigns:pledge_confirm", args=[tokens.pledge_token(signature)]),
            "days": settings.CAMPAIGN_PLEDGE_CONFIRM_DAYS,
            "manage_url": settings.SITE_URL
            + reverse("campaigns:pledge_manage", args=[tokens.pledge_manage_token(signature)]),
        },
    )


@transaction.atomic
def pledge_sign(
    *, campaign: Campaign, name: str, email: str, town: str = "", request=None
) -> PledgeSignature | None:
    """Record a signature and email a confirmation link.

    Signing again with an unconfirmed address re-sends the link; with a confirmed one it does
    nothing. Either way the page says the same, so nobody learns who has signed.
    """
    CAMPAIGN.check(campaign, "sign_pledge")
    email = email.strip().lower()
    existing = PledgeSignature.objects.select_for_update().filter(campaign=campaign, email=email).first()
    if existing is not None:
        if not existing.is_confirmed:
            _pledge_email(existing)
        return None
    try:
        with transaction.atomic():
            signature = PledgeSignature.objects.create(
                campaign=campaign, name=name.strip(), email=email, town=town.strip()
            )
    except IntegrityError:
        # Someone signed with this address at the same moment; the first one stands.
        return None
    audit_record(
        actor=None,
        action="campaigns.pledge_signed",
        obj=signature,
        detail={"campaign": campaign.pk},
        request=request,
    )
    _pledge_email(signature)
    return signature


@transaction.atomic
def pledge_signatures_delete(*, signatures: QuerySet[PledgeSignature], actor, request=None) -> int:
    """Delete pledge signatures (staff, from the admin); returns how many."""
    doomed = list(signatures.order_by("pk").only("campaign_id"))
    if not doomed:
        return 0
    audit_record_many(
        actor=actor,
        action="campaigns.pledge_deleted",
        objects=doomed,
        detail=lambda signature: {"campaign": signature.campaign_id},
        request=request,
    )
    PledgeSignature.objects.filter(pk__in=[signature.pk for signature in doomed]).delete()
    figures_changed(FIGURES_TOPIC)
    return len(doomed)


@transaction.atomic
def pledge_withdraw(*, signature: PledgeSignature, actor=None, request=None) -> None:
    """The signer withdraws: the row is deleted, not hidden, and the campaign's totals forget it.

    Quiet when it is gone already (the same link used twice)."""
    signature = PledgeSignature.objects.select_for_update().filter(pk=signature.pk).first()
    if signature is None:
        return
    audit_record(
        actor=actor,
        action="campaigns.pledge_withdrawn",
        obj=signature,
        detail={"campaign": signature.campaign_id, "confirmed": signature.is_confirmed},
        request=request,
    )
    signature.delete()
    figures_changed(FIGURES_TOPIC)


@transaction.atomic
def pledge_confirm(*, claim: dict, request=None) -> PledgeSignature | None:
    """Confirm the signature a valid token's ``claim`` names (``tokens.pledge_read``).

    Returns None when it no longer exists or its address is no longer the one the link was sent to.
    """
    signature = PledgeSignature.objects.select_for_update().filter(pk=claim.get("s")).first()
    if signature is None or not tokens.pledge_address_matches(claim, signature.email):
        return None
    if signature.confirmed_at is None:
        signature.confirmed_at = timezone.now()
        signature.save(update_fields=["confirmed_at"])
        figures_changed(FIGURES_TOPIC)
        audit_record(
            actor=None,
            action="campaigns.pledge_confirmed",
            obj=signature,
            detail={"campaign": signature.campaign_id},
            request=request,
        )
    return signature
