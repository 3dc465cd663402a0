"""Award services: panels and reviews."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from awards.models import (
    Answer,
    Application,
    AssessorProfile,
    EvidenceRequest,
    PanelMember,
    Review,
)
from awards.selectors import APPLICATIONS_TOPIC
from awards.services._common import MIN_PANEL, S, _contacts_emails, _move, _url
from awards.services.applying import _staff_emails
from awards.services.awarding import award_create
from awards.workflow import APPLICATION, REVIEW
from groups.models import OrganisationContact
from sanctuary.audit import audit_record
from sanctuary.errors import Refused
from sanctuary.figures_cache import figures_changed
from sanctuary.i18n import localised_lazy
from sanctuary.models import Role
from sanctuary.notifications import email_queue, reminder_send
from sanctuary.permissions import has_role


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
        raise Refused(_("Only people with the assessor role can sit on a panel."))
    existing = application.panel.filter(assessor=assessor).first()
    if existing and existing.conflict == PanelMember.Conflict.DECLARED:
        raise Refused(
            _("%(name)s declared a conflict of interest on this application and cannot rejoin its panel.")
            % {"name": assessor}
        )
    if existing:
        raise Refused(_("%(name)s is already on this panel.") % {"name": assessor})
    if OrganisationContact.objects.filter(
        organisation_id=application.organisation_id, user=assessor
    ).exists():
        raise Refused(
            _("%(name)s acts for the applicant organisation: a conflict of interest.") % {"name": assessor}
        )
    APPLICATION.check(application, "form_panel")


@transaction.atomic
def assessor_profile_set(*, user, lived_experience: bool, actor, request=None) -> AssessorProfile:
    """Record what panels need to know about an assessor (a staff invitation carries it)."""
    profile, created = AssessorProfile.objects.get_or_create(
        user=user, defaults={"lived_experience": lived_experience}
    )
    if not created and profile.lived_experience != lived_experience:
        profile.lived_experience = lived_experience
        profile.save(update_fields=["lived_experience"])
    audit_record(
        actor=actor,
        action="awards.assessor_profile_set",
        obj=profile,
        detail={"lived_experience": lived_experience},
        request=request,
    )
    return profile


@transaction.atomic
def panel_member_add(*, application: Application, assessor, actor, request=None) -> PanelMember:
    application = Application.objects.select_for_update().select_related("stream").get(pk=application.pk)
    check_panel_member(application=application, assessor=assessor)
    member = PanelMember.objects.create(application=application, assessor=assessor)
    figures_changed(APPLICATIONS_TOPIC)
    audit_record(actor=actor, action="awards.panel_member_added", obj=member, request=request)
    email_queue(
        template="awards/emails/panel_invite",
        to=assessor.email,
        context={
            "stream": localised_lazy(application.stream, "name"),
            "url": _url("awards:review", member.pk),
        },
    )
    return member


@transaction.atomic
def panel_member_remove(*, member: PanelMember, actor, request=None) -> None:
    if member.reviews.exists():
        raise Refused(_("This member has started reviewing; ask them to declare a conflict instead."))
    audit_record(actor=actor, action="awards.panel_member_removed", obj=member, request=request)
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
        action="awards.conflict_declared",
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
        raise Refused(problems)
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
            raise Refused(_("Give an outcome for every criterion before submitting your review."))
        member.review_submitted_at = now
        member.save(update_fields=["review_submitted_at"])
        figures_changed(APPLICATIONS_TOPIC)
    audit_record(
        actor=member.assessor,
        action="awards.review_submitted" if submit else "awards.review_saved",
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
    audit_record(actor=actor, action="awards.review_reopened", obj=member, request=request)
    email_queue(
        template="awards/emails/review_reopened",
        to=member.assessor.email,
        context={
            "stream": localised_lazy(member.application.stream, "name"),
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
            "stream": localised_lazy(member.application.stream, "name"),
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
        action="awards.reviewer_reminded",
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
        raise Refused(_("Choose at least one criterion."))
    if due_on <= timezone.localdate():
        raise Refused(_("The due date must be in the future."))
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
            "stream": localised_lazy(application.stream, "name"),
            "note": note,
            "due_on": due_on.isoformat(),
            "criteria": [localised_lazy(a, "title") for a in answers],
            "url": _url("awards:application", application.pk),
        },
    )
    return ask


def check_can_decide(application: Application) -> None:
    APPLICATION.check(application, "decide")
    problems = panel_problems(application)
    if problems:
        raise Refused(problems)
    if (
        application.panel.exclude(conflict=PanelMember.Conflict.DECLARED)
        .filter(review_submitted_at__isnull=True)
        .exists()
    ):
        raise Refused(_("Every panel member must submit their review before a decision."))


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
            "stream": localised_lazy(application.stream, "name"),
            "awarded": awarded,
            "feedback": feedback,
            "number": award.number if award else "",
            "url": _url("awards:application", application.pk),
        },
    )
    return application
