"""Every state change of the Local Authority Network: applications, endorsements, review,
membership, renewal and the register of councils."""

from __future__ import annotations

import csv
import datetime as dt
import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from groups.models import Group, GroupMembership
from la_network.models import (
    Application,
    CouncilContact,
    Endorsement,
    LocalAuthority,
    Membership,
    Requirement,
    RequirementReview,
    WorkingGroupMember,
)
from la_network.register import (
    REGISTER_COLUMNS,
    RegisterFormatError,
    register_row_parse,
)
from la_network.selectors import (
    MEMBERS_FIGURES,
    application_problems,
    approval_missing,
    can_endorse,
    membership_term,
    memberships_recipients,
)
from la_network.workflow import APPLICATION, MEMBERSHIP, renewal_reminders
from sanctuary.audit import audit_record, audit_record_many
from sanctuary.errors import Refused
from sanctuary.figures_cache import figures_changed
from sanctuary.imports import ImportReport, ProblemReporter
from sanctuary.models import Role, User
from sanctuary.notifications import Reminder, email_queue, reminders_send

# Topic of sanctuary.figures_cache for everything derived from who is a member (the public
# register's chart, map and open data, the home page count): forgotten by every service below
# that starts, ends or renames a membership or a council.


class ApplicationIncomplete(Refused):
    """Submission refused; ``problems`` maps each requirement to what is missing."""

    def __init__(self, problems: dict[str, list[str]]):
        super().__init__([str(m) for messages in problems.values() for m in messages])
        self.problems = problems


# --- the register of councils ---------------------------------------------------------------


@dataclass
class ImportResult(ImportReport):
    created: int = 0
    updated: int = 0
    unchanged: int = 0


@transaction.atomic
def register_import(*, path: Path, actor=None, on_problem: ProblemReporter | None = None) -> ImportResult:
    """Create or update councils from a register CSV, keyed on the register code."""
    result = ImportResult(on_problem=on_problem)
    existing = {la.code: la for la in LocalAuthority.objects.all()}
    with open(path, newline="", encoding="utf-8-sig") as handle:
        reader = csv.DictReader(handle)
        missing = REGISTER_COLUMNS - set(reader.fieldnames or [])
        if missing:
            raise RegisterFormatError(f"not a register file: missing columns {', '.join(sorted(missing))}")
        for row in reader:
            line = reader.line_num
            try:
                values = register_row_parse(row)
            except ValueError as exc:
                result.problem(line, str(exc))
                continue
            code = values.pop("code")
            council = existing.get(code)
            if council is None:
                existing[code] = LocalAuthority.objects.create(code=code, **values)
                result.created += 1
                continue
            changed = [name for name, value in values.items() if getattr(council, name) != value]
            if not changed:
                result.unchanged += 1
                continue
            for name in changed:
                setattr(council, name, values[name])
            council.save(update_fields=changed)
            result.updated += 1
    if result.created or result.updated:
        figures_changed(MEMBERS_FIGURES)
    audit_record(
        actor=actor,
        action="la_network.register_imported",
        object_type="la_network.localauthority",
        detail=result.counts(),
    )
    return result


# --- applications ---------------------------------------------------------------------------


@transaction.atomic
def application_start(*, user, local_authority: LocalAuthority, role: str, request=None) -> Application:
    """Open a draft for a current council, or return the one already open for it."""
    if not local_authority.is_current:
        raise Refused(_("Former councils cannot apply."))
    # Two starts at once (a double click) queue here, so the second finds the first's draft.
    LocalAuthority.objects.select_for_update(no_key=True).filter(pk=local_authority.pk).first()
    CouncilContact.objects.get_or_create(user=user, local_authority=local_authority, defaults={"role": role})
    open_one = (
        Application.objects.filter(local_authority=local_authority, created_by=user)
        .exclude(status__in=[Application.Status.APPROVED, Application.Status.DECLINED])
        .first()
    )
    if open_one:
        return open_one
    application = Application.objects.create(local_authority=local_authority, created_by=user)
    audit_record(actor=user, action="la_network.application_started", obj=application, request=request)
    return application


SECTION_FIELDS = {
    Requirement.MOTION: ["motion_passed_on", "motion_title", "motion_minutes_url", "motion_document"],
    Requirement.CHARTER: ["charter_signed_on", "charter_signatory_name", "charter_signatory_role"],
    Requirement.LOCAL_GROUP: ["joint_work"],
    Requirement.STRATEGY: [
        "strategy_title",
        "strategy_url",
        "strategy_document",
        "strategy_starts_on",
        "strategy_ends_on",
    ],
    Requirement.CONTACTS: [
        "councillor_name",
        "councillor_email",
        "councillor_portfolio",
        "officer_name",
        "officer_email",
        "officer_job_title",
    ],
}


def _lead_emails(groups: Iterable[Group]) -> list[str]:
    return list(
        GroupMembership.objects.filter(group__in=list(groups), role=GroupMembership.Role.LEAD).values_list(
            "user__email", flat=True
        )
    )


@transaction.atomic
def application_section_save(
    *,
    application: Application,
    section: str,
    values: dict,
    actor,
    groups: Iterable[Group] | None = None,
    request=None,
) -> Application:
    """Save one requirement's answers; naming groups sends them an endorsement request."""
    application = Application.objects.select_for_update().get(pk=application.pk)
    APPLICATION.check(application, "edit")
    changed = []
    for name in SECTION_FIELDS[section]:
        if name not in values:
            continue
        value = values[name]
        if name.endswith("_document"):
            if value is False:  # the "clear" box of a file input
                value = ""
            elif value is None:
                continue
        setattr(application, name, value)
        changed.append(name)
    if section in application.sections_to_confirm:
        application.sections_to_confirm = [s for s in application.sections_to_confirm if s != section]
        changed.append("sections_to_confirm")
    application.save(update_fields=[*changed, "updated_at"])
    if section == Requirement.LOCAL_GROUP and groups is not None:
        _endorsements_sync(application=application, groups=list(groups), actor=actor)
    audit_record(
        actor=actor,
        action="la_network.section_saved",
        obj=application,
        detail={"section": section},
        request=request,
    )
    return application


def _endorsements_sync(*, application: Application, groups: list[Group], actor) -> None:
    application.groups.set(groups)
    # A group taken off the application no longer has a pending request to answer.
    application.endorsements.exclude(group__in=groups).filter(status=Endorsement.Status.REQUESTED).delete()
    known = set(application.endorsements.values_list("group_id", flat=True))
    for group in groups:
        if group.pk in known:
            continue
        endorsement = Endorsement.objects.create(application=application, group=group)
        audit_record(actor=actor, action="la_network.endorsement_requested", obj=endorsement)
        email_queue(
            template="la_network/emails/endorsement_request",
            to=_lead_emails([group]),
            context={
                "council": application.local_authority.short_name,
                "group": group.name,
                "joint_work": application.joint_work,
                "endorsement_id": endorsement.pk,
            },
        )


@transaction.atomic
def endorsement_decide(
    *, endorsement: Endorsement, actor, endorse: bool, statement: str, request=None
) -> Endorsement:
    if not can_endorse(actor, endorsement):
        raise Refused(_("Only a lead of the named group can answer this request."))
    APPLICATION.check(endorsement.application, "answer_endorsement")
    endorsement.status = Endorsement.Status.ENDORSED if endorse else Endorsement.Status.DECLINED
    endorsement.statement = statement
    endorsement.decided_by = actor
    endorsement.decided_at = timezone.now()
    endorsement.save(update_fields=["status", "statement", "decided_by", "decided_at"])
    audit_record(
        actor=actor, action=f"la_network.endorsement_{endorsement.status}", obj=endorsement, request=request
    )
    application = endorsement.application
    if application.created_by:
        email_queue(
            template="la_network/emails/endorsement_answered",
            to=application.created_by.email,
            context={
                "council": application.local_authority.short_name,
                "group": endorsement.group.name,
                "endorsed": endorse,
                "application_id": application.pk,
            },
        )
    return endorsement


@transaction.atomic
def endorsement_waive(*, application: Application, actor, reason: str, request=None) -> Application:
    """Staff accept an application without a group's endorsement (where there is no group)."""
    application = Application.objects.select_for_update().get(pk=application.pk)
    APPLICATION.check(application, "waive_endorsement")
    application.endorsement_waived = True
    application.endorsement_waiver_reason = reason
    application.endorsement_waived_by = actor
    application.save(
        update_fields=[
            "endorsement_waived",
            "endorsement_waiver_reason",
            "endorsement_waived_by",
            "updated_at",
        ]
    )
    audit_record(actor=actor, action="la_network.endorsement_waived", obj=application, request=request)
    return application


@transaction.atomic
def application_submit(*, application: Application, actor, request=None) -> Application:
    application = Application.objects.select_for_update().get(pk=application.pk)
    APPLICATION.check(application, "submit")
    problems = application_problems(application)
    if problems:
        raise ApplicationIncomplete(problems)
    now = timezone.now()
    APPLICATION.move(application, "submit")
    application.submitted_at = now
    application.first_submitted_at = application.first_submitted_at or now
    application.save(update_fields=["status", "submitted_at", "first_submitted_at", "updated_at"])
    audit_record(actor=actor, action="la_network.application_submitted", obj=application, request=request)
    email_queue(
        template="la_network/emails/submitted",
        to=list(
            User.objects.filter(role_assignments__role=Role.NATIONAL_STAFF, is_active=True).values_list(
                "email", flat=True
            )
        ),
        context={
            "council": application.local_authority.short_name,
            "application_id": application.pk,
            "renewal": application.renewal_of_id is not None,
        },
    )
    return application


@transaction.atomic
def review_start(*, application: Application, actor, request=None) -> Application:
    """Staff take a sent application into review (once; a second start changes nothing)."""
    application = Application.objects.select_for_update().get(pk=application.pk)
    APPLICATION.check(application, "review")
    if APPLICATION.move(application, "review"):
        application.save(update_fields=["status", "updated_at"])
        audit_record(actor=actor, action="la_network.review_started", obj=application, request=request)
    return application


@dataclass(frozen=True)
class RequirementCheck:
    verified: bool
    note: str = ""


@transaction.atomic
def requirements_review_record(
    *, application: Application, checks: dict[str, RequirementCheck], actor, request=None
) -> list[str]:
    """Save staff's checks of the five requirements together (one form, nothing dropped).

    Only the checks that changed are written and audited; the first change takes a sent
    application into review. Returns the requirements whose check changed.
    """
    application = Application.objects.select_for_update().get(pk=application.pk)
    APPLICATION.check(application, "review")
    current = {review.requirement: review for review in application.reviews.all()}
    changed = []
    for requirement, check in checks.items():
        review = current.get(requirement)
        unchanged = (review.verified, review.note) if review else (False, "")
        if unchanged == (check.verified, check.note):
            continue
        if not changed:
            application = review_start(application=application, actor=actor, request=request)
        RequirementReview.objects.update_or_create(
            application=application,
            requirement=requirement,
            defaults={
                "verified": check.verified,
                "note": check.note,
                "reviewer": actor,
                "updated_at": timezone.now(),
            },
        )
        audit_record(
            actor=actor,
            action="la_network.requirement_reviewed",
            obj=application,
            detail={"requirement": requirement, "verified": check.verified},
            request=request,
        )
        changed.append(requirement)
    return changed


def _applicant_emails(application: Application) -> list[str]:
    emails = [application.created_by.email] if application.created_by else []
    return emails


def _decidable(application: Application, action: str) -> Application:
    locked = Application.objects.select_for_update().get(pk=application.pk)
    APPLICATION.check(locked, action)
    return locked


@transaction.atomic
def application_request_changes(*, application: Application, actor, note: str, request=None) -> Application:
    application = _decidable(application, "request_changes")
    APPLICATION.move(application, "request_changes")
    application.changes_note = note
    application.save(update_fields=["status", "changes_note", "updated_at"])
    audit_record(actor=actor, action="la_network.changes_requested", obj=application, request=request)
    email_queue(
        template="la_network/emails/changes_requested",
        to=_applicant_emails(application),
        context={
            "council": application.local_authority.short_name,
            "note": note,
            "application_id": application.pk,
        },
    )
    return application


@transaction.atomic
def application_decline(*, application: Application, actor, reason: str, request=None) -> Application:
    application = _decidable(application, "decline")
    APPLICATION.move(application, "decline")
    application.decision_reason = reason
    application.decided_at = timezone.now()
    application.decided_by = actor
    application.save(update_fields=["status", "decision_reason", "decided_at", "decided_by", "updated_at"])
    audit_record(actor=actor, action="la_network.application_declined", obj=application, request=request)
    email_queue(
        template="la_network/emails/decided",
        to=_applicant_emails(application),
        context={
            "council": application.local_authority.short_name,
            "approved": False,
            "reason": reason,
            "application_id": application.pk,
        },
    )
    return application


@transaction.atomic
def application_approve(
    *, application: Application, actor, reason: str = "", request=None, today: dt.date | None = None
) -> Membership:
    today = today or timezone.localdate()
    application = _decidable(application, "approve")
    problems = application_problems(application, today=today)
    if problems:
        raise Refused([str(m) for messages in problems.values() for m in messages])
    missing = approval_missing(application)
    if missing:
        raise Refused(
            _("Approval needs all five requirements verified. Not verified yet: %(missing)s.")
            % {"missing": ", ".join(missing)}
        )
    previous = application.renewal_of or (
        # A council that is already a member carries on from its current term, never overlapping it.
        Membership.objects.filter(
            local_authority_id=application.local_authority_id,
            status=Membership.Status.ACTIVE,
            ends_on__gte=today,
        )
        .order_by("-ends_on")
        .first()
    )
    starts_on, ends_on = membership_term(approved_on=today, previous=previous)
    membership = Membership.objects.create(
        local_authority=application.local_authority,
        application=application,
        starts_on=starts_on,
        ends_on=ends_on,
    )
    if previous is not None and previous.status == Membership.Status.ACTIVE:
        previous.status = Membership.Status.RENEWED
        previous.save(update_fields=["status"])
    APPLICATION.move(application, "approve")
    application.decision_reason = reason
    application.decided_at = timezone.now()
    application.decided_by = actor
    application.save(update_fields=["status", "decision_reason", "decided_at", "decided_by", "updated_at"])
    if application.created_by_id:
        CouncilContact.objects.filter(
            user_id=application.created_by_id, local_authority=application.local_authority
        ).update(verified=True)
    audit_record(actor=actor, action="la_network.application_approved", obj=application, request=request)
    figures_changed(MEMBERS_FIGURES)
    audit_record(
        actor=actor,
        action="la_network.membership_started",
        obj=membership,
        detail={"starts_on": starts_on.isoformat(), "ends_on": ends_on.isoformat()},
    )
    email_queue(
        template="la_network/emails/decided",
        to=_applicant_emails(application),
        context={
            "council": application.local_authority.short_name,
            "approved": True,
            "reason": reason,
            "starts_on": starts_on.isoformat(),
            "ends_on": ends_on.isoformat(),
            "application_id": application.pk,
        },
    )
    return membership


RENEWAL_COPIED = [name for names in SECTION_FIELDS.values() for name in names] + ["joint_work"]


@transaction.atomic
def membership_renewal_start(*, membership: Membership, actor, request=None) -> Application:
    """A new draft filled in from the last application; every section must be confirmed again.

    One renewal per term: asking again returns the renewal already started.
    """
    existing = (
        Application.objects.filter(renewal_of=membership).exclude(status=Application.Status.DECLINED).first()
    )
    if existing:
        return existing
    MEMBERSHIP.check(membership, "start_renewal")
    last = membership.application
    values = {name: getattr(last, name) for name in dict.fromkeys(RENEWAL_COPIED)}
    renewal = Application.objects.create(
        local_authority=membership.local_authority,
        created_by=actor,
        renewal_of=membership,
        sections_to_confirm=list(Requirement.values),
        **values,
    )
    # The groups are asked again: an endorsement speaks for the term it was given for.
    _endorsements_sync(application=renewal, groups=list(last.groups.all()), actor=actor)
    audit_record(actor=actor, action="la_network.renewal_started", obj=renewal, request=request)
    return renewal


# --- membership over time -------------------------------------------------------------------


def certificate_pdf(*, membership: Membership) -> bytes:
    """The membership's certificate: rendered once, then the stored copy every time."""
    from sanctuary.i18n import user_language
    from sanctuary.pdf import stored_pdf

    # Issued once, in the language of the council officer who applied.
    return stored_pdf(
        Membership.objects.select_related("local_authority", "application__created_by"),
        membership.pk,
        field="certificate",
        render=lambda m: certificate_render(m, language=user_language(m.application.created_by)),
        on_create=lambda m: audit_record(actor=None, action="la_network.certificate_generated", obj=m),
    )


def certificate_render(membership: Membership, *, language: str | None = None) -> bytes:
    """The certificate PDF of ``membership`` (with its council loaded). Its link and QR code open
    the term's public check page (la_network:verify), found by the term's verification code.

    Certificates stored before the codes existed keep the link they were issued with (the public
    register, filtered to the council's nation and region): a stored certificate is never redrawn.
    """
    from django.utils.safestring import mark_safe

    from la_network.logos import STATIC_PATH
    from sanctuary.pdf import CertificateLook, render_certificate

    return render_certificate(
        "la_network/certificate_pdf.html",
        {"membership": membership, "council": membership.local_authority},
        verify_url=settings.SITE_URL + reverse("la_network:verify", args=[membership.verification_code]),
        # The member logo drawn by sanctuary.logos (manage.py logos_build).
        logo_svg=mark_safe(STATIC_PATH.with_suffix(".svg").read_text(encoding="utf-8")),  # noqa: S308
        look=CertificateLook(colour="#7a1f5c", ink="#2a1f27", muted="#5a4a55"),
        valid_from=membership.starts_on,
        valid_until=membership.ends_on,
        language=language,
    )


def memberships_remind(*, memberships: Sequence[Membership], today: dt.date) -> int:
    """Send each membership the reminder now due, once (the reminder log's key), in a fixed
    number of queries. Returns how many reminders this call recorded."""
    schedule = renewal_reminders()
    due = [(m, stage) for m in memberships if (stage := schedule.due(m.ends_on, today)) is not None]
    if not due:
        return 0
    recipients = memberships_recipients([m for m, _months in due])
    reminders = [
        Reminder(
            object_type=Membership._meta.label_lower,
            object_id=str(m.pk),
            rule=stage.rule,
            reference_date=m.ends_on,
            template="la_network/emails/renewal_reminder",
            to=tuple(recipients[m.pk]),
            context={
                "council": m.local_authority.short_name,
                "ends_on": m.ends_on.isoformat(),
                "months": stage.months_before,
                "membership_id": m.pk,
            },
            # The councillor and officer named in the application have no account: they are
            # written to in the language the council applied in.
            language=m.application.created_by.preferred_language if m.application.created_by else None,
        )
        for m, stage in due
    ]
    return len(reminders_send(reminders))


@transaction.atomic
def memberships_lapse(*, memberships: Sequence[Membership], today: dt.date) -> int:
    """Lapse the memberships whose term ended before ``today`` and that no renewal replaced."""
    ended = list(
        Membership.objects.select_for_update()
        .filter(pk__in=[m.pk for m in memberships], status=Membership.Status.ACTIVE, ends_on__lt=today)
        .order_by("pk")
    )
    if not ended:
        return 0
    for membership in ended:
        membership.status = Membership.Status.LAPSED
        membership.lapsed_on = membership.ends_on + dt.timedelta(days=1)
    Membership.objects.bulk_update(ended, ["status", "lapsed_on"])
    audit_record_many(actor=None, action="la_network.membership_lapsed", objects=ended)
    figures_changed(MEMBERS_FIGURES)
    return len(ended)


# Memberships reminded and lapsed together: a fixed number of queries for each batch.
RENEWAL_BATCH = 500


def renewal_sweep_run(*, today: dt.date | None = None) -> dict:
    today = today or timezone.localdate()
    horizon = renewal_reminders().horizon(today)
    due = list(
        Membership.objects.filter(status=Membership.Status.ACTIVE, ends_on__lte=horizon)
        .select_related("local_authority", "application__created_by")
        .order_by("ends_on", "pk")
    )
    reminders = lapsed = 0
    for batch in itertools.batched(due, RENEWAL_BATCH):
        reminders += memberships_remind(memberships=batch, today=today)
        lapsed += memberships_lapse(memberships=[m for m in batch if m.ends_on < today], today=today)
    return {"reminders": reminders, "lapsed": lapsed}


# --- people ---------------------------------------------------------------------------------


@transaction.atomic
def council_contact_save(*, contact: CouncilContact, actor, request=None) -> CouncilContact:
    """Record that a person acts for a council (national staff, in the admin); verifying them
    stays a separate, audited step."""
    adding = contact._state.adding
    contact.save()
    audit_record(
        actor=actor,
        action="la_network.contact_added" if adding else "la_network.contact_updated",
        obj=contact,
        detail={"council": contact.local_authority_id, "role": contact.role},
        request=request,
    )
    return contact


@transaction.atomic
def council_contact_remove(*, contact: CouncilContact, actor, request=None) -> None:
    audit_record(
        actor=actor,
        action="la_network.contact_removed",
        obj=contact,
        detail={"council": contact.local_authority_id},
        request=request,
    )
    contact.delete()


@transaction.atomic
def council_contact_verify(*, contact: CouncilContact, actor, request=None) -> CouncilContact:
    """Staff confirm that a person really acts for the council they named."""
    if not contact.verified:
        contact.verified = True
        contact.save(update_fields=["verified"])
        audit_record(actor=actor, action="la_network.contact_verified", obj=contact, request=request)
    return contact


@transaction.atomic
def working_group_member_add(*, actor, request=None, **values) -> WorkingGroupMember:
    person = WorkingGroupMember.objects.create(**values)
    audit_record(
        actor=actor,
        action="la_network.working_group_joined",
        obj=person,
        detail={"place": person.place},
        request=request,
    )
    return person


@transaction.atomic
def working_group_member_leave(
    *, person: WorkingGroupMember, actor, left_on: dt.date | None = None, request=None
) -> WorkingGroupMember:
    person.left_on = left_on or timezone.localdate()
    person.save(update_fields=["left_on"])
    audit_record(actor=actor, action="la_network.working_group_left", obj=person, request=request)
    return person
