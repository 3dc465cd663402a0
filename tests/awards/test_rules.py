"""Smaller rules around applying."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from awards import services
from awards.models import Answer, Stream
from tests.awards.factories import complete_minimum, make_draft, make_stream

pytestmark = pytest.mark.django_db


def test_staff_can_read_but_not_edit_an_applicants_draft(client_for, national_staff):
    application = make_draft()
    criterion = application.stream.criteria.first()
    staff = client_for(national_staff)
    assert staff.get(reverse("awards:application", args=[application.pk])).status_code == 200
    url = reverse("awards:answer", args=[application.pk, criterion.pk])
    assert staff.post(url, {"account": "Written by staff", "links": ""}).status_code == 404
    assert not Answer.objects.exists()


def test_a_file_that_is_not_a_pdf_is_refused_and_the_text_is_kept(client_for):
    application = make_draft()
    criterion = application.stream.criteria.first()
    fake = SimpleUploadedFile("report.pdf", b"MZ this is not a pdf", content_type="application/pdf")
    response = client_for(application.applicant).post(
        reverse("awards:answer", args=[application.pk, criterion.pk]),
        {"account": "Our careful account", "links": "", "evidence": fake},
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "not a valid PDF" in body and "Our careful account" in body
    assert not Answer.objects.exists()


def test_fixed_window_blocks_submission_after_it_closes():
    stream = make_stream(
        window=Stream.Window.DATES, opens_on=dt.date(2026, 1, 1), closes_on=dt.date(2026, 3, 31)
    )
    with time_machine.travel(dt.datetime(2026, 2, 1, 12, tzinfo=dt.UTC)):
        application = make_draft(stream=stream)
        complete_minimum(application)
    with time_machine.travel(dt.datetime(2026, 4, 2, 12, tzinfo=dt.UTC)):
        with pytest.raises(ValidationError, match="window"):
            services.application_submit(application=application, user=application.applicant)
        assert not stream.window_open()


def test_stream_slug_cannot_shadow_an_awards_page():
    stream = make_stream(slug="verify")
    with pytest.raises(ValidationError) as exc:
        stream.full_clean()
    assert "slug" in exc.value.message_dict


def test_load_streams_creates_the_eleven_streams_once():
    assert services.streams_load() > 11
    assert services.streams_load() == 0
    assert Stream.objects.count() == 11
    schools = Stream.objects.get(slug="schools")
    assert set(schools.criteria.values_list("principle", flat=True)) == {"learn", "embed", "share"}


def test_applicant_writes_commitments_before_submitting(client_for):
    application = make_draft()
    client = client_for(application.applicant)
    url = reverse("awards:commitments", args=[application.pk])
    assert client.get(url).status_code == 200
    client.post(url, {"commitments": "A welcome week each September."})
    application.refresh_from_db()
    assert application.commitments == "A welcome week each September."
    complete_minimum(application)
    services.application_submit(application=application, user=application.applicant)
    assert client.get(url).status_code == 409


def test_check_your_answers_links_each_answer_back_to_its_question(client_for):
    from tests.awards.factories import complete_minimum, make_draft

    application = make_draft()
    complete_minimum(application)
    page = (
        client_for(application.applicant).get(reverse("awards:check", args=[application.pk])).content.decode()
    )
    for criterion in application.stream.criteria.all():
        assert f'href="{reverse("awards:answer", args=[application.pk, criterion.pk])}"' in page
        assert f'your answer to "{criterion.title}"' in page  # said to screen readers
    assert reverse("awards:commitments", args=[application.pk]) in page
