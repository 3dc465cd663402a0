"""The whole journey of an award application, driven through the pages people use."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from awards.models import Answer, Application, Award, Endorsement, PanelMember
from sanctuary.models import AuditEvent, ReminderLog
from sanctuary.terms import add_months
from tests.awards.factories import make_assessor, make_draft, make_stream, make_submitted
from tests.factories import GroupFactory, OrganisationContactFactory, OrganisationFactory, make_lead

pytestmark = pytest.mark.django_db

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_full_lifecycle_with_more_evidence_round_trip(
    client_for, national_staff, mailoutbox, django_capture_on_commit_callbacks
):
    group = GroupFactory()
    lead = make_lead(group)
    stream = make_stream()
    contact = OrganisationContactFactory(organisation=OrganisationFactory(group=group))
    applicant = client_for(contact.user)

    # Start
    response = applicant.post(
        reverse("awards:apply", args=[stream.slug]), {"organisation": contact.organisation.pk}
    )
    application = Application.objects.get()
    assert response.status_code == 302 and response.url == reverse(
        "awards:application", args=[application.pk]
    )
    assert application.group == group

    # The task list shows every criterion as not started, and submission is blocked with links.
    page = applicant.get(reverse("awards:application", args=[application.pk])).content.decode()
    assert page.count("Not started") == 3
    check = applicant.get(reverse("awards:check", args=[application.pk])).content.decode()
    learn, embed, _share = stream.criteria.order_by("order")
    assert reverse("awards:answer", args=[application.pk, learn.pk]) in check
    assert "Submit application" not in check
    applicant.post(reverse("awards:check", args=[application.pk]))
    application.refresh_from_db()
    assert application.status == Application.Status.DRAFT

    # An error keeps what was typed and saves nothing.
    url = reverse("awards:answer", args=[application.pk, learn.pk])
    response = applicant.post(url, {"account": "", "links": "not a link", "complete": "on"})
    assert response.status_code == 200
    assert "not a link" in response.content.decode()
    assert not Answer.objects.exists()

    # Draft, then complete with a file.
    applicant.post(url, {"account": "Half written", "links": ""})
    assert Answer.objects.get(criterion=learn).progress == "in_progress"
    upload = SimpleUploadedFile("plan.pdf", PDF_BYTES, content_type="application/pdf")
    applicant.post(
        url,
        {
            "account": "All staff trained.",
            "links": "https://example.org/a",
            "complete": "on",
            "evidence": upload,
        },
    )
    answer = Answer.objects.get(criterion=learn)
    assert answer.progress == "complete" and answer.evidence.count() == 1
    applicant.post(
        reverse("awards:answer", args=[application.pk, embed.pk]),
        {"account": "A welcome pack.", "links": "", "complete": "on"},
    )

    with django_capture_on_commit_callbacks(execute=True):
        response = applicant.post(reverse("awards:check", args=[application.pk]))
    application.refresh_from_db()
    assert application.status == Application.Status.SUBMITTED
    assert {m.to[0] for m in mailoutbox} >= {lead.email, contact.user.email}

    # The local group's lead endorses.
    endorsement = Endorsement.objects.get()
    response = client_for(lead).post(
        reverse("awards:endorsement", args=[endorsement.pk]),
        {"decision": "endorse", "comment": "A great school."},
    )
    endorsement.refresh_from_db()
    assert endorsement.status == Endorsement.Status.ENDORSED

    # Staff form the panel and start the review.
    staff = client_for(national_staff)
    staff_url = reverse("awards:staff_application", args=[application.pk])
    assessors = [make_assessor(lived_experience=True), make_assessor(), make_assessor()]
    for assessor in assessors:
        staff.post(staff_url, {"add_member": "1", "assessor": assessor.pk})
    assert PanelMember.objects.count() == 3
    staff.post(staff_url, {"start_review": "1"})
    application.refresh_from_db()
    assert application.status == Application.Status.IN_REVIEW

    answers = list(application.answers.all())

    def review(assessor, outcome="met"):
        member = PanelMember.objects.get(assessor=assessor)
        client = client_for(assessor)
        client.post(reverse("awards:review", args=[member.pk]), {"has_conflict": "no"})
        data = {"submit": "1"}
        for a in answers:
            data[f"outcome_{a.pk}"] = outcome
            data[f"comment_{a.pk}"] = "Seen"
        client.post(reverse("awards:review", args=[member.pk]), data)
        member.refresh_from_db()
        assert member.review_submitted_at is not None

    for assessor in assessors:
        review(assessor, "partly")

    # More evidence on one criterion: the applicant is told, only that criterion reopens.
    mailoutbox.clear()
    due = timezone.localdate() + dt.timedelta(days=14)
    with django_capture_on_commit_callbacks(execute=True):
        staff.post(
            staff_url,
            {
                "request_evidence": "1",
                "answers": [answer.pk],
                "note": "Please add the training log.",
                "due_on": due.isoformat(),
            },
        )
    application.refresh_from_db()
    assert application.status == Application.Status.MORE_EVIDENCE
    assert contact.user.email in [m.to[0] for m in mailoutbox]
    assert "training log" in mailoutbox[0].body
    other = reverse("awards:answer", args=[application.pk, embed.pk])
    refused = applicant.post(other, {"account": "Changed", "links": ""})
    assert refused.status_code == 409
    assert not application.answers.filter(account="Changed").exists()
    applicant.post(url, {"account": "All staff trained; log attached.", "links": "", "complete": "on"})
    applicant.post(reverse("awards:check", args=[application.pk]))
    application.refresh_from_db()
    assert application.status == Application.Status.IN_REVIEW
    assert not PanelMember.objects.filter(review_submitted_at__isnull=False).exists()

    for assessor in assessors:
        review(assessor)

    with django_capture_on_commit_callbacks(execute=True):
        staff.post(staff_url, {"decide": "1", "outcome": "awarded", "feedback": "Lovely work."})
    application.refresh_from_db()
    assert application.status == Application.Status.AWARDED
    award = Award.objects.get()
    assert award.expires_on == add_months(award.awarded_on, 36)
    assert award.certificate and award.certificate_generated_at

    # The stored certificate is served as is, carrying its verification link.
    response = applicant.get(reverse("awards:certificate", args=[award.pk]))
    pdf = b"".join(response.streaming_content)
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert award.verification_code[:10] in text.replace("\n", "")
    verify = client_for(lead).get(reverse("awards:verify", args=[award.verification_code]))
    assert "genuine and the award is current" in verify.content.decode()
    assert applicant.get(reverse("awards:logo", args=[award.pk])).status_code == 200
    assert client_for(lead).get(reverse("awards:logo", args=[award.pk])).status_code == 404

    actions = set(
        AuditEvent.objects.filter(object_type="awards.application").values_list("action", flat=True)
    )
    assert {
        "awards.application_submitted",
        "awards.review_started",
        "awards.evidence_requested",
        "awards.application_awarded",
    } <= actions
    assert not ReminderLog.objects.exists()


def test_applicant_can_withdraw_an_open_application(client_for):
    application = make_submitted()
    client = client_for(application.applicant)
    client.post(reverse("awards:withdraw", args=[application.pk]))
    application.refresh_from_db()
    assert application.status == Application.Status.WITHDRAWN
    assert client.get(reverse("awards:withdraw", args=[application.pk])).status_code == 409


def test_draft_can_be_withdrawn_and_a_new_one_started(client_for):
    application = make_draft()
    client = client_for(application.applicant)
    client.post(reverse("awards:withdraw", args=[application.pk]))
    response = client.post(
        reverse("awards:apply", args=[application.stream.slug]), {"organisation": application.organisation.pk}
    )
    assert response.status_code == 302
    assert Application.objects.filter(status=Application.Status.DRAFT).count() == 1


def test_second_open_application_for_the_same_stream_is_refused(client_for):
    application = make_draft()
    response = client_for(application.applicant).post(
        reverse("awards:apply", args=[application.stream.slug]), {"organisation": application.organisation.pk}
    )
    assert response.status_code == 200
    assert "already has an open application" in response.content.decode()


def test_closed_stream_sends_applicants_to_register_interest(client_for):
    stream = make_stream(window="closed")
    contact = OrganisationContactFactory()
    client = client_for(contact.user)
    response = client.get(reverse("awards:apply", args=[stream.slug]))
    assert response.url == reverse("awards:interest", args=[stream.slug])
    client.post(response.url, {"organisation": contact.organisation.pk})
    assert stream.interest.filter(organisation=contact.organisation).exists()


def test_cohort_cap_stops_new_applications(client_for):
    stream = make_stream(cohort="2026", cohort_cap=1)
    make_draft(stream=stream)
    contact = OrganisationContactFactory()
    response = client_for(contact.user).post(
        reverse("awards:apply", args=[stream.slug]), {"organisation": contact.organisation.pk}
    )
    assert "cohort is full" in response.content.decode()


def test_person_without_an_organisation_cannot_apply(client_for, user):
    stream = make_stream()
    assert client_for(user).get(reverse("awards:apply", args=[stream.slug])).status_code == 403
