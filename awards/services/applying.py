"""Award services: starting an application, answers and evidence, submitting, endorsement."""

from __future__ import annotations

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from awards.models import (
    Answer,
    Application,
    Award,
    Criterion,
    Endorsement,
    Evidence,
    InterestRegistration,
    StateSpan,
    Stream,
)
from awards.selectors import APPLICATIONS_TOPIC
from awards.services._common import S, _move, _url
from awards.workflow import APPLICATION, AWARD
from groups.models import Group, GroupMembership, Organisation, OrganisationContact
from sanctuary.audit import audit_record
from sanctuary.errors import Refused
from sanctuary.figures_cache import figures_changed
from sanctuary.i18n import localised_lazy
from sanctuary.models import Role
from sanctuary.notifications import email_queue


def check_can_start(
    *, stream: Stream, organisation: Organisation, user, previous_award: Award | None = None
) -> None:
    """Raise Refused with the reason an application cannot be started."""
    if not OrganisationContact.objects.filter(organisation=organisation, user=user).exists():
        raise Refused(_("You are not a contact for this organisation."))
    if Application.objects.filter(
        stream=stream, organisation=organisation, status__in=Application.OPEN_STATES
    ).exists():
        raise Refused(_("This organisation already has an open application for this stream."))
    if previous_award is not None:
        if previous_award.organisation_id != organisation.pk or previous_award.stream_id != stream.pk:
            raise Refused(_("That award belongs to another organisation or stream."))
        AWARD.check(previous_award, "reaccredit")
        return
    if not stream.is_published or not stream.window_open():
        raise Refused(_("Applications for this stream are closed. You can register your interest."))
    if stream.cohort_cap is not None:
        taken = (
            Application.objects.filter(stream=stream, cohort=stream.cohort)
            .exclude(status=S.WITHDRAWN)
            .count()
        )
        if taken >= stream.cohort_cap:
            raise Refused(_("This cohort is full. You can register your interest for the next one."))


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
        action="awards.application_started",
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
        raise Refused(_("You are not a contact for this organisation."))
    interest, created = InterestRegistration.objects.get_or_create(
        stream=stream, organisation=organisation, defaults={"user": user}
    )
    if created:
        audit_record(actor=user, action="awards.interest_registered", obj=interest, request=request)
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
        raise Refused(_("Only the criteria the panel reopened can be changed."))
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
        action="awards.answer_saved",
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
    audit_record(actor=user, action="awards.commitments_saved", obj=application, request=request)
    return application


@transaction.atomic
def evidence_delete(*, evidence: Evidence, user, request=None) -> None:
    application = evidence.answer.application
    APPLICATION.check(application, "edit_answers")
    if application.status == S.MORE_EVIDENCE and not evidence.answer.reopened:
        raise Refused(_("Only the criteria the panel reopened can be changed."))
    audit_record(actor=user, action="awards.evidence_deleted", obj=evidence, request=request)
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
        raise Refused(_("The submission window for this stream has closed."))
    missing = missing_criteria(application)
    if missing:
        raise Refused(_("Complete every minimum criterion before submitting."))
    now = timezone.now()
    resubmission = application.status == S.MORE_EVIDENCE
    if not resubmission:
        # Freeze the criteria as they read today; later edits by staff never reach this application.
        for answer in application.answers.select_related("criterion"):
            c = answer.criterion
            answer.snapshot_title, answer.snapshot_description = c.title, c.description
            answer.snapshot_title_cy, answer.snapshot_description_cy = c.title_cy, c.description_cy
            answer.snapshot_principle, answer.snapshot_is_minimum = c.principle, c.is_minimum
            answer.snapshot_at = now
            answer.save(
                update_fields=[
                    "snapshot_title",
                    "snapshot_title_cy",
                    "snapshot_description",
                    "snapshot_description_cy",
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
                    "stream": localised_lazy(application.stream, "name"),
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
            "stream": localised_lazy(application.stream, "name"),
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
                "stream": localised_lazy(application.stream, "name"),
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
        raise Refused(_("Only the group's leads can respond."))
    APPLICATION.check(endorsement.application, "respond_endorsement")
    endorsement.status = Endorsement.Status.ENDORSED if endorse else Endorsement.Status.COMMENTED
    endorsement.comment, endorsement.responded_by = comment, user
    endorsement.responded_at = timezone.now()
    endorsement.save(update_fields=["status", "comment", "responded_by", "responded_at"])
    audit_record(
        actor=user,
        action="awards.endorsement_answered",
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
