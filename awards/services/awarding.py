"""Award services: making awards, their certificates, re-accreditation and the reminder sweeps."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterable

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from awards.models import (
    REACCREDITATION_REMINDERS,
    Application,
    Award,
    Criterion,
    EvidenceRequest,
    InterestRegistration,
    Stream,
)
from awards.selectors import APPLICATIONS_TOPIC, HOLDERS_TOPIC, STREAMS_TOPIC
from awards.services._common import S, _url
from awards.services.applying import _staff_emails
from groups.models import OrganisationContact
from sanctuary.audit import audit_record
from sanctuary.figures_cache import figures_changed
from sanctuary.i18n import localised_lazy
from sanctuary.notifications import Reminder, reminders_send
from sanctuary.queue import enqueue_on_commit
from sanctuary.terms import add_years
from sanctuary.verification import verification_code


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
                    expires_on=add_years(starts, settings.AWARD_VALIDITY_YEARS),
                    verification_code=verification_code(),
                )
            break
        except IntegrityError:
            if attempt == 4:
                raise
    figures_changed(HOLDERS_TOPIC)
    if previous is not None:
        previous.status, previous.successor = Award.Status.RENEWED, award
        previous.save(update_fields=["status", "successor"])
        audit_record(actor=actor, action="awards.award_renewed", obj=previous, request=request)
    audit_record(
        actor=actor, action="awards.award_made", obj=award, request=request, detail={"number": award.number}
    )
    enqueue_on_commit(certificate_generate_task, award.pk, fallback="the awards daily sweep")
    return award


def certificate_render(award: Award, *, language: str | None = None) -> bytes:
    """The certificate PDF of ``award`` (with its stream and organisation loaded)."""
    from django.utils.safestring import mark_safe

    from awards.logos import DEFAULT_COLOUR, STREAM_COLOURS, stream_logo
    from sanctuary.i18n import user_language
    from sanctuary.pdf import CertificateLook, render_certificate

    return render_certificate(
        "awards/pdf/certificate.html",
        {"award": award},
        verify_url=_url("awards:verify", award.verification_code),
        # Drawn by sanctuary.logos from the stream's title (escaped there).
        logo_svg=mark_safe(stream_logo(award.stream, "svg").decode()),  # noqa: S308
        look=CertificateLook(colour=STREAM_COLOURS.get(award.stream.slug, DEFAULT_COLOUR)),
        valid_from=award.awarded_on,
        valid_until=award.expires_on,
        # Issued once, in the language of the person who applied for it.
        language=language or user_language(award.application.applicant),
    )


def certificate_pdf(*, award_id: int) -> bytes | None:
    """The award's certificate: rendered and stored the first time (by the task queued when the
    award was made, or by the first download if that task has not run), then as issued."""
    from sanctuary.pdf import stored_pdf

    def stamp(award: Award) -> None:
        award.certificate_generated_at = timezone.now()
        award.save(update_fields=["certificate_generated_at"])
        audit_record(actor=None, action="awards.certificate_generated", obj=award)

    return stored_pdf(
        Award.objects.select_related("stream", "organisation", "application__applicant"),
        award_id,
        field="certificate",
        render=certificate_render,
        on_create=stamp,
    )


def certificate_generate(*, award_id: int) -> bool:
    """Make the certificate ahead of its first download. Returns False if it already exists."""
    if not Award.objects.filter(pk=award_id, certificate="").exists():
        return False
    return certificate_pdf(award_id=award_id) is not None


def certificates_generate_missing() -> int:
    """Make the certificates whose task never ran (the broker was down when the award was made)."""
    missing = Award.objects.filter(certificate="").values_list("pk", flat=True)
    return sum(certificate_generate(award_id=pk) for pk in list(missing))


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
                "stream": localised_lazy(interest.stream, "name"),
                "url": _url("awards:apply", interest.stream.slug),
            },
        )
        for interest in interests.iterator(chunk_size=SWEEP_BATCH)
    )


def reaccreditation_remind(*, today: dt.date | None = None) -> int:
    """Send each due re-accreditation reminder once; safe to run any number of times.

    Two queries find the awards near or just past expiry and their organisations' contacts;
    reminders_send records and stores the reminders in a fixed number more per batch.
    """
    today = today or timezone.localdate()
    awards = list(
        Award.objects.filter(
            status=Award.Status.CURRENT,
            expires_on__lte=REACCREDITATION_REMINDERS.horizon(today),
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
            rule=stage.rule,
            reference_date=award.expires_on,
            template="awards/emails/reaccreditation",
            to=(award.application.applicant.email, *contacts.get(award.organisation_id, [])),
            context={
                "organisation": award.organisation.name,
                "award": localised_lazy(award.stream, "award_title"),
                "number": award.number,
                "expires_on": award.expires_on.isoformat(),
                "expired": award.expires_on <= today,
                "url": _url("awards:application_list"),
            },
        )
        for award in awards
        if (stage := REACCREDITATION_REMINDERS.due(award.expires_on, today))
    ]
    return _send_batched(reminders)


@transaction.atomic
def stream_save(*, stream: Stream, actor, request=None) -> Stream:
    """Create or change a stream (national staff, in the admin)."""
    adding = stream._state.adding
    stream.save()
    # Pages cache streams, criteria and the lists that name a stream or its award.
    figures_changed(STREAMS_TOPIC, HOLDERS_TOPIC, APPLICATIONS_TOPIC)
    audit_record(
        actor=actor,
        action="awards.stream_created" if adding else "awards.stream_updated",
        obj=stream,
        request=request,
    )
    return stream


@transaction.atomic
def criterion_save(*, criterion: Criterion, actor, request=None) -> Criterion:
    """Add or change a stream's criterion; answers keep the wording they were given."""
    adding = criterion._state.adding
    criterion.save()
    figures_changed(STREAMS_TOPIC)
    audit_record(
        actor=actor,
        action="awards.criterion_created" if adding else "awards.criterion_updated",
        obj=criterion,
        detail={"stream": criterion.stream_id},
        request=request,
    )
    return criterion


@transaction.atomic
def streams_load(*, actor=None) -> int:
    """Create the starting streams and criteria that are missing; never overwrite staff edits."""
    from awards.streams_data import CRITERIA_CY, HOW_TO_APPLY, HOW_TO_APPLY_CY, STREAMS

    created = 0
    for order, data in enumerate(STREAMS):
        stream, made = Stream.objects.get_or_create(
            slug=data["slug"],
            defaults={
                "name": data["name"],
                "award_title": data["award_title"],
                "summary": data["summary"],
                "name_cy": data.get("name_cy", ""),
                "award_title_cy": data.get("award_title_cy", ""),
                "summary_cy": data.get("summary_cy", ""),
                "how_to_apply": HOW_TO_APPLY,
                "how_to_apply_cy": HOW_TO_APPLY_CY,
                "order": order,
            },
        )
        created += made
        welsh = CRITERIA_CY.get(data["slug"], {})
        for position, (principle, title, description, minimum) in enumerate(data["criteria"]):
            title_cy, description_cy = welsh.get(title, ("", ""))
            _criterion, made = Criterion.objects.get_or_create(
                stream=stream,
                title=title,
                defaults={
                    "principle": principle,
                    "title_cy": title_cy,
                    "description": description,
                    "description_cy": description_cy,
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
            action="awards.streams_loaded",
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
            "stream": localised_lazy(application.stream, "name"),
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
