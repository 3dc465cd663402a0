"""Every state change in the awards. Views, tasks, admin and commands call these."""

from __future__ import annotations

import datetime as dt
import itertools
import secrets
from collections.abc import Iterable

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from awards.models import (
    Answer,
    Application,
    AssessorProfile,
    Award,
    Criterion,
    Endorsement,
    Evidence,
    EvidenceRequest,
    InterestRegistration,
    PanelMember,
    Review,
    StateSpan,
    Stream,
    add_months,
)
from awards.selectors import APPLICATIONS_TOPIC, HOLDERS_TOPIC, STREAMS_TOPIC
from awards.workflow import APPLICATION, AWARD, REVIEW
from groups.models import Group, GroupMembership, Organisation, OrganisationContact
from sanctuary.audit import audit_record
from sanctuary.errors import Refused
from sanctuary.figures_cache import figures_changed
from sanctuary.models import Role
from sanctuary.notifications import Reminder, email_queue, reminder_send, reminders_send
from sanctuary.permissions import has_role
from sanctuary.queue import enqueue_on_commit

S = Application.Status
MIN_PANEL = 3


def _url(name: str, *args) -> str:
    return settings.SITE_URL + reverse(name, args=args)


def _move(application: Application, to: str, *, actor, request=None, detail: dict | None = None) -> None:
    """Change state, close the open time-in-state span and open the next; audited."""
    now = timezone.now()
    old = application.status
    application.status = to
    application.status_changed_at = now
    application.save(update_fields=["status", "status_changed_at"])
    StateSpan.objects.filter(application=application, left_at__isnull=True).update(left_at=now)
    StateSpan.objects.create(application=application, status=to, entered_at=now)
    figures_changed(APPLICATIONS_TOPIC)
    audit_record(
        actor=actor,
        action=f"awards.application.{to}",
        obj=application,
        request=request,
        detail={"from": old, "to": to, **(detail or {})},
    )


def _contacts_emails(application: Application) -> list[str]:
    emails = list(
        OrganisationContact.objects.filter(organisation=application.organisation).values_list(
            "user__email", flat=True
        )
    )
    return [application.applicant.email, *emails]


# --- Applying -------------------------------------------------------------------------------


def check_can_start(
    *, stream: Stream, organisation: Organisation, user, previous_award: Award | None = None
) -> None:
    """Raise ValidationError with the reason an application cannot be started."""
    if not OrganisationContact.objects.filter(organisation=organisation, user=user).exists():
        raise ValidationError(_("You are not a contact for this organisation."))
    if Application.objects.filter(
        stream=stream, organisation=organisation, status__in=Application.OPEN_STATES
    ).exists():
        raise ValidationError(_("This organisation already has an open application for this stream."))
    if previous_award is not None:
        if previous_award.organisation_id != organisation.pk or previous_award.stream_id != stream.pk:
            raise ValidationError(_("That award belongs to another organisation or stream."))
        AWARD.check(previous_award, "reaccredit")
        return
    if not stream.is_published or not stream.window_open():
        raise ValidationError(_("Applications for this stream are closed. You can register your interest."))
    if stream.cohort_cap is not None:
        taken = (
            Application.objects.filter(stream=stream, cohort=stream.cohort)
            .exclude(status=S.WITHDRAWN)
            .count()
        )
        if taken >= stream.cohort_cap:
            raise ValidationError(_("This cohort is full. You can register your interest for the next one."))


@transaction.atomic
def application_start(
    *,
    stream: Stream,
    organisation: Organisation,
    user,
    group: Group | None = None,
    previous_award: Award | None = None,
    request=None,
) -> Application:
    # Two starts at once (a double click) queue here, so the second sees the first's
    # application and is refused like any second open application for the stream.
    Organisation.objects.select_for_update(no_key=True).filter(pk=organisation.pk).first()
    check_can_start(stream=stream, organisation=organisation, user=user, previous_award=previous_award)
    application = Application.objects.create(
        stream=stream,
        organisation=organisation,
        applicant=user,
        group=group or organisation.group,
        cohort=stream.cohort,
        previous_award=previous_award,
        commitments=previous_award.application.commitments if previous_award else "",
    )
    StateSpan.objects.create(application=application, status=S.DRAFT, entered_at=application.created_at)
    figures_changed(APPLICATIONS_TOPIC)
    if previous_award is not None:
        # Re-accreditation starts from what the organisation said last time.
        active = set(stream.criteria.filter(is_active=True).values_list("pk", flat=True))
        Answer.objects.bulk_create(
            Answer(
                application=application, criterion_id=old.criterion_id, account=old.account, links=old.links
            )
            for old in previous_award.application.answers.all()
            if old.criterion_id in active
        )
    audit_record(
        actor=user,
        action="awards.application.started",
        obj=application,
        request=request,
        detail={"stream": stream.slug, "reaccreditation": previous_award is not None},
    )
    return application


@transaction.atomic
def interest_register(
    *, stream: Stream, organisation: Organisation, user, request=None
) -> InterestRegistration:
    if not OrganisationContact.objects.filter(organisation=organisation, user=user).exists():
        raise ValidationError(_("You are not a contact for this organisation."))
    interest, created = InterestRegistration.objects.get_or_create(
        stream=stream, organisation=organisation, defaults={"user": user}
    )
    if created:
        audit_record(actor=user, action="awards.interest.registered", obj=interest, request=request)
    return interest


@transaction.atomic
def answer_save(
    *,
    application: Application,
    criterion: Criterion,
    user,
    account: str,
    links: str,
    complete: bool,
    upload: ContentFile | None = None,
    request=None,
) -> Answer:
    """Save a draft answer (and any evidence file) for one criterion."""
    APPLICATION.check(application, "edit_answers")
    answer, _created = Answer.objects.select_for_update().get_or_create(
        application=application, criterion=criterion
    )
    if application.status == S.MORE_EVIDENCE and not answer.reopened:
        raise ValidationError(_("Only the criteria the panel reopened can be changed."))
    answer.account, answer.links, answer.complete = account, links, complete
    answer.updated_at = timezone.now()
    answer.save(update_fields=["account", "links", "complete", "updated_at"])
    if upload is not None:
        Evidence.objects.create(
            answer=answer,
            file=upload,
            uploaded_by=user,
            original_name=getattr(upload, "original_name", "evidence")[:120],
        )
    audit_record(
        actor=user,
        action="awards.answer.saved",
        obj=answer,
        request=request,
        detail={"complete": complete, "file": upload is not None},
    )
    return answer


@transaction.atomic
def commitments_save(*, application: Application, user, commitments: str, request=None) -> Application:
    APPLICATION.check(application, "edit_commitments")
    application.commitments = commitments
    application.save(update_fields=["commitments"])
    audit_record(actor=user, action="awards.application.commitments_saved", obj=application, request=request)
    return application


@transaction.atomic
def evidence_delete(*, evidence: Evidence, user, request=None) -> None:
    application = evidence.answer.application
    APPLICATION.check(application, "edit_answers")
    if application.status == S.MORE_EVIDENCE and not evidence.answer.reopened:
        raise Refused(_("Only the criteria the panel reopened can be changed."))
    audit_record(actor=user, action="awards.evidence.deleted", obj=evidence, request=request)
    evidence.file.delete(save=False)
    evidence.delete()


def missing_criteria(application: Application) -> list[Criterion]:
    """Minimum criteria not yet marked complete (what blocks submission)."""
    done = set(
        application.answers.filter(complete=True).exclude(account="").values_list("criterion_id", flat=True)
    )
    if application.status == S.MORE_EVIDENCE:
        # Resubmission: the reopened answers must be complete again.
        reopened = application.answers.filter(reopened=True).select_related("criterion")
        return [a.criterion for a in reopened if a.criterion_id not in done]
    return [
        c for c in application.stream.criteria.filter(is_active=True, is_minimum=True) if c.pk not in done
    ]


@transaction.atomic
def application_submit(*, application: Application, user, request=None) -> Application:
    application = Application.objects.select_for_update().get(pk=application.pk)
    APPLICATION.check(application, "submit")
    stream = application.stream
    if (
        application.status == S.DRAFT
        and not application.is_reaccreditation
        and stream.window == Stream.Window.DATES
        and not stream.window_open()
    ):
        raise ValidationError(_("The submission window for this stream has closed."))
    missing = missing_criteria(application)
    if missing:
        raise ValidationError(_("Complete every minimum criterion before submitting."))
    now = timezone.now()
    resubmission = application.status == S.MORE_EVIDENCE
    if not resubmission:
        # Freeze the criteria as they read today; later edits by staff never reach this application.
        for answer in application.answers.select_related("criterion"):
            c = answer.criterion
            answer.snapshot_title, answer.snapshot_description = c.title, c.description
            answer.snapshot_principle, answer.snapshot_is_minimum = c.principle, c.is_minimum
            answer.snapshot_at = now
            answer.save(
                update_fields=[
                    "snapshot_title",
                    "snapshot_description",
                    "snapshot_principle",
                    "snapshot_is_minimum",
                    "snapshot_at",
                ]
            )
        application.submitted_at = now
        application.save(update_fields=["submitted_at"])
    _move(application, S.SUBMITTED, actor=user, request=request, detail={"resubmission": resubmission})
    if resubmission:
        application.answers.filter(reopened=True).update(reopened=False)
        application.evidence_requests.filter(resolved_at__isnull=True).update(resolved_at=now)
        # Back to the same panel: each member reviews again (their earlier reviews are kept).
        application.panel.update(review_submitted_at=None)
        _move(application, S.IN_REVIEW, actor=user, request=request, detail={"after": "more_evidence"})
        staff = _staff_emails()
        if staff:
            email_queue(
                template="awards/emails/resubmitted",
                to=staff,
                context={
                    "organisation": application.organisation.name,
                    "stream": application.stream.name,
                    "url": _url("awards:staff_application", application.pk),
                },
            )
    else:
        _endorsement_request(application)
    email_queue(
        template="awards/emails/submitted",
        to=application.applicant.email,
        context={
            "organisation": application.organisation.name,
            "stream": application.stream.name,
            "url": _url("awards:application", application.pk),
        },
    )
    return application


def _staff_emails() -> list[str]:
    from sanctuary.models import User

    return list(
        User.objects.filter(role_assignments__role=Role.NATIONAL_STAFF, is_active=True).values_list(
            "email", flat=True
        )
    )


def _endorsement_request(application: Application) -> None:
    if application.group_id is None:
        return
    endorsement, created = Endorsement.objects.get_or_create(
        application=application, defaults={"group_id": application.group_id}
    )
    if not created:
        return
    leads = list(
        GroupMembership.objects.filter(
            group_id=application.group_id, role=GroupMembership.Role.LEAD
        ).values_list("user__email", flat=True)
    )
    if leads:
        email_queue(
            template="awards/emails/endorsement_request",
            to=leads,
            context={
                "organisation": application.organisation.name,
                "stream": application.stream.name,
                "url": _url("awards:endorsement", endorsement.pk),
            },
        )


@transaction.atomic
def endorsement_respond(
    *, endorsement: Endorsement, user, endorse: bool, comment: str, request=None
) -> Endorsement:
    if not GroupMembership.objects.filter(
        group_id=endorsement.group_id, user=user, role=GroupMembership.Role.LEAD
    ).exists():
        raise ValidationError(_("Only the group's leads can respond."))
    APPLICATION.check(endorsement.application, "respond_endorsement")
    endorsement.status = Endorsement.Status.ENDORSED if endorse else Endorsement.Status.COMMENTED
    endorsement.comment, endorsement.responded_by = comment, user
    endorsement.responded_at = timezone.now()
    endorsement.save(update_fields=["status", "comment", "responded_by", "responded_at"])
    audit_record(
        actor=user,
        action="awards.endorsement.responded",
        obj=endorsement,
        request=request,
        detail={"status": endorsement.status},
    )
    return endorsement


@transaction.atomic
def application_withdraw(*, application: Application, user, request=None) -> Application:
    application = Application.objects.select_for_update().get(pk=application.pk)
    APPLICATION.check(application, "withdraw")
    _move(application, S.WITHDRAWN, actor=user, request=request)
    return application


# --- Panels and reviews ---------------------------------------------------------------------


def panel_problems(application: Application) -> list[str]:
    """Why this panel cannot assess yet; empty when it can."""
    members = list(application.panel.select_related("assessor__assessor_profile"))
    active = [m for m in members if m.is_active]
    problems = []
    if len(active) < MIN_PANEL:
        problems.append(
            _("A panel needs at least %(n)s members without a conflict of interest; it has %(have)s.")
            % {"n": MIN_PANEL, "have": len(active)}
        )
    if not any(_lived_experience(m.assessor) for m in active):
        problems.append(_("A panel needs at least one member with lived experience of seeking sanctuary."))
    return problems


def _lived_experience(user) -> bool:
    try:
        return user.assessor_profile.lived_experience
    except AssessorProfile.DoesNotExist:
        return False


def check_panel_member(*, application: Application, assessor) -> None:
    if not has_role(assessor, Role.ASSESSOR):
        raise ValidationError(_("Only people with the assessor role can sit on a panel."))
    existing = application.panel.filter(assessor=assessor).first()
    if existing and existing.conflict == PanelMember.Conflict.DECLARED:
        raise ValidationError(
            _("%(name)s declared a conflict of interest on this application and cannot rejoin its panel.")
            % {"name": assessor}
        )
    if existing:
        raise ValidationError(_("%(name)s is already on this panel.") % {"name": assessor})
    if OrganisationContact.objects.filter(
        organisation_id=application.organisation_id, user=assessor
    ).exists():
        raise ValidationError(
            _("%(name)s acts for the applicant organisation: a conflict of interest.") % {"name": assessor}
        )
    APPLICATION.check(application, "form_panel")


@transaction.atomic
def assessor_profile_set(*, user, lived_experience: bool, actor) -> AssessorProfile:
    """Record what panels need to know about an assessor (a staff invitation carries it)."""
    profile, created = AssessorProfile.objects.get_or_create(
        user=user, defaults={"lived_experience": lived_experience}
    )
    if not created and profile.lived_experience != lived_experience:
        profile.lived_experience = lived_experience
        profile.save(update_fields=["lived_experience"])
    audit_record(
        actor=actor,
        action="awards.assessor_profile.set",
        obj=profile,
        detail={"lived_experience": lived_experience},
    )
    return profile


@transaction.atomic
def panel_member_add(*, application: Application, assessor, actor, request=None) -> PanelMember:
    application = Application.objects.select_for_update().select_related("stream").get(pk=application.pk)
    check_panel_member(application=application, assessor=assessor)
    member = PanelMember.objects.create(application=application, assessor=assessor)
    figures_changed(APPLICATIONS_TOPIC)
    audit_record(actor=actor, action="awards.panel.member_added", obj=member, request=request)
    email_queue(
        template="awards/emails/panel_invite",
        to=assessor.email,
        context={"stream": application.stream.name, "url": _url("awards:review", member.pk)},
    )
    return member


@transaction.atomic
def panel_member_remove(*, member: PanelMember, actor, request=None) -> None:
    if member.reviews.exists():
        raise ValidationError(_("This member has started reviewing; ask them to declare a conflict instead."))
    audit_record(actor=actor, action="awards.panel.member_removed", obj=member, request=request)
    member.delete()
    figures_changed(APPLICATIONS_TOPIC)


@transaction.atomic
def conflict_declare(*, member: PanelMember, has_conflict: bool, request=None) -> PanelMember:
    REVIEW.check(member, "declare_conflict")
    member.conflict = PanelMember.Conflict.DECLARED if has_conflict else PanelMember.Conflict.NONE
    member.save(update_fields=["conflict"])
    figures_changed(APPLICATIONS_TOPIC)
    # The reason stays between the assessor and staff; the log records only that one was declared.
    audit_record(
        actor=member.assessor,
        action="awards.panel.conflict_declared",
        obj=member,
        request=request,
        detail={"conflict": has_conflict},
    )
    if has_conflict:
        staff = _staff_emails()
        if staff:
            email_queue(
                template="awards/emails/conflict",
                to=staff,
                context={"url": _url("awards:staff_application", member.application_id)},
            )
    return member


@transaction.atomic
def review_start(*, application: Application, actor, request=None) -> Application:
    application = Application.objects.select_for_update().get(pk=application.pk)
    APPLICATION.check(application, "start_review")
    problems = panel_problems(application)
    if problems:
        raise ValidationError(problems)
    application.review_due_on = timezone.localdate() + dt.timedelta(days=settings.AWARD_REVIEW_DAYS)
    application.save(update_fields=["review_due_on"])
    _move(application, S.IN_REVIEW, actor=actor, request=request)
    return application


def check_can_review(member: PanelMember) -> None:
    REVIEW.check(member, "write")
    # Read the state afresh: the caller's copy of the application may predate a move.
    if not Application.objects.filter(pk=member.application_id, status=S.IN_REVIEW).exists():
        raise Refused(_("This application is not open for review."))


@transaction.atomic
def review_save(
    *, member: PanelMember, outcomes: dict[int, tuple[str, str]], submit: bool, request=None
) -> PanelMember:
    """Save the member's view of each answer (``{answer_id: (outcome, comment)}``); submit seals it.

    A submitted review is locked: saving it again is refused (``review_reopen`` unlocks it).
    """
    # Locked, and read afresh: a second tab must not write into a review submitted in the first.
    member = PanelMember.objects.select_for_update().select_related("application").get(pk=member.pk)
    check_can_review(member)
    answers = {a.pk: a for a in member.application.answers.all()}
    now = timezone.now()
    for answer_id, (outcome, comment) in outcomes.items():
        if answer_id not in answers or not outcome:
            continue
        Review.objects.update_or_create(
            member=member,
            answer_id=answer_id,
            defaults={"outcome": outcome, "comment": comment, "updated_at": now},
        )
    if submit:
        reviewed = set(member.reviews.values_list("answer_id", flat=True))
        if set(answers) - reviewed:
            raise ValidationError(_("Give an outcome for every criterion before submitting your review."))
        member.review_submitted_at = now
        member.save(update_fields=["review_submitted_at"])
        figures_changed(APPLICATIONS_TOPIC)
    audit_record(
        actor=member.assessor,
        action="awards.review.submitted" if submit else "awards.review.saved",
        obj=member,
        request=request,
    )
    return member


@transaction.atomic
def review_reopen(*, member: PanelMember, reason: str, actor, request=None) -> PanelMember:
    """National staff unlock a submitted review so its author can change it; the author is told
    why, and the panel's other members no longer see it until it is submitted again."""
    member = (
        PanelMember.objects.select_for_update()
        .select_related("application__stream", "assessor")
        .get(pk=member.pk)
    )
    REVIEW.check(member, "reopen")
    if member.application.status != S.IN_REVIEW:
        raise Refused(_("A review can only be reopened while the application is in review."))
    member.review_submitted_at = None
    member.reopened_at, member.reopen_reason = timezone.now(), reason
    member.save(update_fields=["review_submitted_at", "reopened_at", "reopen_reason"])
    figures_changed(APPLICATIONS_TOPIC)
    audit_record(actor=actor, action="awards.review.reopened", obj=member, request=request)
    email_queue(
        template="awards/emails/review_reopened",
        to=member.assessor.email,
        context={
            "stream": member.application.stream.name,
            "reason": reason,
            "url": _url("awards:review", member.pk),
        },
    )
    return member


def reviewer_remind(*, member: PanelMember, today: dt.date | None = None) -> bool:
    """Remind one reviewer, at most once a day; returns False if already reminded today."""
    today = today or timezone.localdate()
    if member.review_submitted_at or not member.is_active or member.application.status != S.IN_REVIEW:
        return False
    return reminder_send(
        obj=member,
        rule="awards.review_reminder",
        reference_date=today,
        template="awards/emails/review_reminder",
        to=member.assessor.email,
        context={
            "stream": member.application.stream.name,
            "due_on": member.application.review_due_on.isoformat()
            if member.application.review_due_on
            else "",
            "url": _url("awards:review", member.pk),
        },
    )


@transaction.atomic
def reviewers_remind(*, application: Application, actor, request=None) -> int:
    """Remind every reviewer who has not submitted (their emails wait in the outbox)."""
    pending = list(
        application.panel.filter(review_submitted_at__isnull=True)
        .exclude(conflict=PanelMember.Conflict.DECLARED)
        .select_related("application__stream", "assessor")
    )
    for member in pending:
        reviewer_remind(member=member)
    audit_record(
        actor=actor,
        action="awards.panel.reminded",
        obj=application,
        request=request,
        detail={"members": len(pending)},
    )
    return len(pending)


@transaction.atomic
def evidence_request(
    *, application: Application, answers: list[Answer], note: str, due_on: dt.date, actor, request=None
) -> EvidenceRequest:
    application = Application.objects.select_for_update().get(pk=application.pk)
    APPLICATION.check(application, "request_evidence")
    if not answers:
        raise ValidationError(_("Choose at least one criterion."))
    if due_on <= timezone.localdate():
        raise ValidationError(_("The due date must be in the future."))
    ask = EvidenceRequest.objects.create(
        application=application, note=note, due_on=due_on, requested_by=actor
    )
    ask.answers.set(answers)
    Answer.objects.filter(pk__in=[a.pk for a in answers]).update(reopened=True, complete=False)
    _move(application, S.MORE_EVIDENCE, actor=actor, request=request, detail={"criteria": len(answers)})
    email_queue(
        template="awards/emails/more_evidence",
        to=_contacts_emails(application),
        context={
            "organisation": application.organisation.name,
            "stream": application.stream.name,
            "note": note,
            "due_on": due_on.isoformat(),
            "criteria": [a.title for a in answers],
            "url": _url("awards:application", application.pk),
        },
    )
    return ask


def check_can_decide(application: Application) -> None:
    APPLICATION.check(application, "decide")
    problems = panel_problems(application)
    if problems:
        raise ValidationError(problems)
    if (
        application.panel.exclude(conflict=PanelMember.Conflict.DECLARED)
        .filter(review_submitted_at__isnull=True)
        .exists()
    ):
        raise ValidationError(_("Every panel member must submit their review before a decision."))


@transaction.atomic
def application_decide(
    *, application: Application, awarded: bool, feedback: str, actor, request=None
) -> Application:
    application = Application.objects.select_for_update().get(pk=application.pk)
    check_can_decide(application)
    application.decision_feedback, application.decided_by = feedback, actor
    application.decided_at = timezone.now()
    application.save(update_fields=["decision_feedback", "decided_by", "decided_at"])
    _move(application, S.AWARDED if awarded else S.NOT_AWARDED, actor=actor, request=request)
    award = award_create(application=application, actor=actor, request=request) if awarded else None
    email_queue(
        template="awards/emails/decision",
        to=_contacts_emails(application),
        context={
            "organisation": application.organisation.name,
            "stream": application.stream.name,
            "awarded": awarded,
            "feedback": feedback,
            "number": award.number if award else "",
            "url": _url("awards:application", application.pk),
        },
    )
    return application


# --- Awards ---------------------------------------------------------------------------------


def _award_number(year: int) -> str:
    prefix = f"SA-{year}-"
    last = Award.objects.filter(number__startswith=prefix).aggregate(m=Max("number"))["m"]
    seq = int(last.rsplit("-", 1)[1]) + 1 if last else 1
    return f"{prefix}{seq:05d}"


@transaction.atomic
def award_create(*, application: Application, actor, request=None) -> Award:
    from awards.tasks import certificate_generate_task

    today = timezone.localdate()
    previous = application.previous_award
    # A renewal runs on from the old expiry, so an early renewal loses no time.
    starts = max(today, previous.expires_on) if previous and previous.expires_on > today else today
    for attempt in range(5):
        try:
            # Two decisions at the same moment can pick the same next number; the unique
            # constraint catches it and the savepoint lets us take the following one.
            with transaction.atomic():
                award = Award.objects.create(
                    number=_award_number(today.year),
                    application=application,
                    stream=application.stream,
                    organisation=application.organisation,
                    awarded_on=today,
                    expires_on=add_months(starts, 12 * settings.AWARD_VALIDITY_YEARS),
                    verification_code=secrets.token_urlsafe(18),
                )
            break
        except IntegrityError:
            if attempt == 4:
                raise
    figures_changed(HOLDERS_TOPIC)
    if previous is not None:
        previous.status, previous.successor = Award.Status.RENEWED, award
        previous.save(update_fields=["status", "successor"])
        audit_record(actor=actor, action="awards.award.renewed", obj=previous, request=request)
    audit_record(
        actor=actor, action="awards.award.made", obj=award, request=request, detail={"number": award.number}
    )
    enqueue_on_commit(certificate_generate_task, award.pk, fallback="the awards daily sweep")
    return award


def certificate_render(award: Award) -> bytes:
    """The certificate PDF of ``award`` (with its stream and organisation loaded)."""
    from sanctuary.pdf import render_pdf

    return render_pdf(
        "awards/pdf/certificate.html",
        {"award": award, "verify_url": _url("awards:verify", award.verification_code)},
    )


def certificate_generate(*, award_id: int) -> bool:
    """Render and store the certificate once. Returns False if it already exists."""
    with transaction.atomic():
        award = (
            Award.objects.select_for_update()
            .select_related("stream", "organisation")
            .filter(pk=award_id)
            .first()
        )
        if award is None or award.certificate:
            return False
        pdf = certificate_render(award)
        award.certificate.save(f"{secrets.token_hex(16)}.pdf", ContentFile(pdf), save=False)
        award.certificate_generated_at = timezone.now()
        award.save(update_fields=["certificate", "certificate_generated_at"])
        audit_record(actor=None, action="awards.certificate.generated", obj=award)
    return True


def certificates_generate_missing() -> int:
    """Make the certificates whose task never ran (the broker was down when the award was made)."""
    missing = Award.objects.filter(certificate="").values_list("pk", flat=True)
    return sum(certificate_generate(award_id=pk) for pk in list(missing))


REACCREDITATION_RULES = (
    ("awards.reaccreditation_3_months", -3),
    ("awards.reaccreditation_1_month", -1),
    ("awards.reaccreditation_expired", 0),
)
# How long after expiry the sweep still tells an organisation; older awards stay quiet.
EXPIRY_NOTICE_DAYS = 60


# Reminders recorded and stored per call of reminders_send: a fixed number of queries each, and
# a bound on the rows and rendered emails held at once.
SWEEP_BATCH = 500


def _send_batched(reminders: Iterable[Reminder]) -> int:
    return sum(len(reminders_send(batch)) for batch in itertools.batched(reminders, SWEEP_BATCH))


def interest_notify(*, today: dt.date | None = None) -> int:
    """Tell organisations that registered interest when their stream is open again (once each)."""
    today = today or timezone.localdate()
    open_streams = [s for s in Stream.objects.filter(is_published=True) if s.window_open(today)]
    interests = InterestRegistration.objects.filter(stream__in=open_streams).select_related(
        "stream", "organisation", "user"
    )
    return _send_batched(
        Reminder.about(
            interest,
            rule="awards.stream_open",
            reference_date=interest.created_at.date(),
            template="awards/emails/stream_open",
            to=(interest.user.email,),
            context={
                "organisation": interest.organisation.name,
                "stream": interest.stream.name,
                "url": _url("awards:apply", interest.stream.slug),
            },
        )
        for interest in interests.iterator(chunk_size=SWEEP_BATCH)
    )


def reaccreditation_due(award: Award, today: dt.date) -> str | None:
    """The latest re-accreditation rule that has come due for ``award``, or None.

    Only the latest: a sweep that first sees an award late does not send three at once.
    """
    due = [rule for rule, months in REACCREDITATION_RULES if add_months(award.expires_on, months) <= today]
    return due[-1] if due else None


def reaccreditation_remind(*, today: dt.date | None = None) -> int:
    """Send each due re-accreditation reminder once; safe to run any number of times.

    Two queries find the awards near or just past expiry and their organisations' contacts;
    reminders_send records and stores the reminders in a fixed number more per batch.
    """
    today = today or timezone.localdate()
    awards = list(
        Award.objects.filter(
            status=Award.Status.CURRENT,
            expires_on__lte=add_months(today, 3),
            expires_on__gt=today - dt.timedelta(days=EXPIRY_NOTICE_DAYS),
        )
        .select_related("stream", "organisation", "application__applicant")
        .order_by("expires_on", "pk")
    )
    contacts: dict[int, list[str]] = {}
    for org_id, email in OrganisationContact.objects.filter(
        organisation_id__in={a.organisation_id for a in awards}
    ).values_list("organisation_id", "user__email"):
        contacts.setdefault(org_id, []).append(email)
    reminders = [
        Reminder.about(
            award,
            rule=rule,
            reference_date=award.expires_on,
            template="awards/emails/reaccreditation",
            to=(award.application.applicant.email, *contacts.get(award.organisation_id, [])),
            context={
                "organisation": award.organisation.name,
                "award": award.stream.award_title,
                "number": award.number,
                "expires_on": award.expires_on.isoformat(),
                "expired": award.expires_on <= today,
                "url": _url("awards:application_list"),
            },
        )
        for award in awards
        if (rule := reaccreditation_due(award, today))
    ]
    return _send_batched(reminders)


@transaction.atomic
def streams_load(*, actor=None) -> int:
    """Create the starting streams and criteria that are missing; never overwrite staff edits."""
    from awards.streams_data import STREAMS

    created = 0
    for order, data in enumerate(STREAMS):
        stream, made = Stream.objects.get_or_create(
            slug=data["slug"],
            defaults={
                "name": data["name"],
                "award_title": data["award_title"],
                "summary": data["summary"],
                "how_to_apply": _(
                    "Sign in as a contact for your organisation, start an application, answer "
                    "each criterion with what you have done and your evidence, then submit."
                ),
                "order": order,
            },
        )
        created += made
        for position, (principle, title, description, minimum) in enumerate(data["criteria"]):
            _criterion, made = Criterion.objects.get_or_create(
                stream=stream,
                title=title,
                defaults={
                    "principle": principle,
                    "description": description,
                    "is_minimum": minimum,
                    "order": position,
                },
            )
            created += made
    if created:
        # The staff queue's filter lists the streams too.
        figures_changed(STREAMS_TOPIC, APPLICATIONS_TOPIC)
        audit_record(
            actor=actor,
            action="awards.streams.loaded",
            object_type="awards.stream",
            detail={"created": created},
        )
    return created


# Days before a more-evidence due date that the applicant is reminded.
EVIDENCE_DUE_SOON_DAYS = 3


def evidence_due_remind(*, today: dt.date | None = None) -> int:
    """Remind applicants shortly before more evidence is due, and tell staff once it is overdue."""
    today = today or timezone.localdate()
    asks = list(
        EvidenceRequest.objects.filter(
            resolved_at__isnull=True,
            application__status=S.MORE_EVIDENCE,
            due_on__lte=today + dt.timedelta(days=EVIDENCE_DUE_SOON_DAYS),
        ).select_related("application__organisation", "application__stream", "application__applicant")
    )
    staff = tuple(_staff_emails()) if any(ask.due_on < today for ask in asks) else ()
    reminders = []
    for ask in asks:
        application = ask.application
        context = {
            "organisation": application.organisation.name,
            "stream": application.stream.name,
            "due_on": ask.due_on.isoformat(),
            "overdue": ask.due_on < today,
        }
        if ask.due_on >= today:
            rule, to = "awards.evidence_due_soon", (application.applicant.email,)
            url = _url("awards:application", application.pk)
        elif staff:
            rule, to = "awards.evidence_overdue", staff
            url = _url("awards:staff_application", application.pk)
        else:
            continue
        reminders.append(
            Reminder.about(
                ask,
                rule=rule,
                reference_date=ask.due_on,
                template="awards/emails/evidence_due",
                to=to,
                context={**context, "url": url},
            )
        )
    return _send_batched(reminders)
