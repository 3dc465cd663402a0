"""A stream's "how to apply" and its criteria in Welsh: stream pages, the applicant's task list and
answer pages, the assessor's review page and the emails that quote a criterion show the Welsh on
Welsh pages when staff wrote it, and the English otherwise. A submitted application keeps the
Welsh it was submitted with, as it keeps the English."""

from __future__ import annotations

import datetime as dt
import importlib

import pytest
from django.apps import apps
from django.utils import timezone

from awards import services
from awards.models import Criterion, Stream
from sanctuary.models import OutboundEmail
from tests.awards.factories import complete_minimum, make_draft, make_panel, make_stream, make_submitted
from tests.helpers import get_in, queries_by_language
from tests.welsh import welsh  # noqa: F401 - fixture

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("welsh")]


def _welsh_stream() -> Stream:
    """Welsh for how to apply and the first criterion; the second criterion has none."""
    stream = make_stream(
        how_to_apply="Ask the national team.", how_to_apply_cy="Gofynnwch i'r tîm cenedlaethol."
    )
    stream.criteria.filter(title="Staff learn").update(
        title_cy="Staff yn dysgu",
        description_cy="Disgrifiwch beth rydych yn ei wneud.",
        guidance="Training records count.",
        guidance_cy="Mae cofnodion hyfforddi yn cyfrif.",
    )
    return stream


def test_the_welsh_stream_page_shows_how_to_apply_and_criteria_in_welsh(client):
    stream = _welsh_stream()
    page = get_in(client, "awards:stream", stream.slug, language="cy").text
    assert "Gofynnwch i&#x27;r tîm cenedlaethol." in page
    assert "<strong>Staff yn dysgu</strong>" in page
    assert "Disgrifiwch beth rydych yn ei wneud." in page
    assert "Mae cofnodion hyfforddi yn cyfrif." in page
    assert "Ask the national team." not in page
    assert "Staff learn" not in page
    assert "Training records count." not in page
    # No Welsh written for this one: its English is shown.
    assert "<strong>Welcome families</strong>" in page

    index = get_in(client, "awards:index", language="cy").text
    assert "<strong>Staff yn dysgu</strong>" in index


def test_the_english_stream_page_keeps_the_english(client):
    stream = _welsh_stream()
    page = get_in(client, "awards:stream", stream.slug, language="en-gb").text
    assert "Ask the national team." in page
    assert "<strong>Staff learn</strong>" in page
    assert "Training records count." in page
    assert "Gofynnwch" not in page
    assert "Staff yn dysgu" not in page
    assert "cofnodion" not in page


def test_a_stream_without_welsh_how_to_apply_shows_the_english_on_its_welsh_page(client):
    stream = make_stream(how_to_apply="Ask the national team.")
    page = get_in(client, "awards:stream", stream.slug, language="cy").text
    assert "Ask the national team." in page
    assert "<strong>Staff learn</strong>" in page


def test_the_applicants_task_list_and_answer_page_in_welsh_show_the_welsh_criterion(client_for):
    application = make_draft(stream=_welsh_stream())
    client = client_for(application.applicant)
    staff_learn = application.stream.criteria.get(title="Staff learn")

    task_list = get_in(client, "awards:application", application.pk, language="cy").text
    assert "Staff yn dysgu" in task_list
    assert "Welcome families" in task_list  # no Welsh written
    assert "Staff learn" not in task_list

    answer = get_in(client, "awards:answer", application.pk, staff_learn.pk, language="cy").text
    assert "<h1>Staff yn dysgu</h1>" in answer
    assert "Disgrifiwch beth rydych yn ei wneud." in answer
    assert "Mae cofnodion hyfforddi yn cyfrif." in answer
    assert "Training records count." not in answer

    english = get_in(client, "awards:answer", application.pk, staff_learn.pk, language="en-gb").text
    assert "<h1>Staff learn</h1>" in english
    assert "Training records count." in english
    assert "Staff yn dysgu" not in english


def test_check_your_answers_in_welsh_names_the_criteria_in_welsh(client_for):
    application = make_draft(stream=_welsh_stream())
    complete_minimum(application)
    page = get_in(client_for(application.applicant), "awards:check", application.pk, language="cy").text
    assert 'eich ateb i "Staff yn dysgu"' in page
    assert 'eich ateb i "Welcome families"' in page


def test_a_submitted_application_keeps_the_welsh_it_was_submitted_with(client_for):
    application = make_submitted(stream=_welsh_stream())
    # Staff reword the criterion afterwards, in both languages.
    Criterion.objects.filter(title="Staff learn").update(title="Staff study", title_cy="Staff yn astudio")
    page = get_in(client_for(application.applicant), "awards:application", application.pk, language="cy").text
    assert "Staff yn dysgu" in page
    assert "Staff yn astudio" not in page
    english = get_in(
        client_for(application.applicant), "awards:application", application.pk, language="en-gb"
    )
    assert "Staff learn" in english.text


def test_the_assessors_review_page_in_welsh_shows_the_welsh_criterion(client_for, national_staff):
    application = make_submitted(stream=_welsh_stream())
    members = make_panel(application, national_staff)
    services.review_start(application=application, actor=national_staff)
    client = client_for(members[0].assessor)

    page = get_in(client, "awards:review", members[0].pk, language="cy").text
    assert 'class="h5">Staff yn dysgu</h2>' in page
    assert "Disgrifiwch beth rydych yn ei wneud." in page
    assert 'class="h5">Welcome families</h2>' in page
    english = get_in(client, "awards:review", members[0].pk, language="en-gb").text
    assert 'class="h5">Staff learn</h2>' in english
    assert "Staff yn dysgu" not in english

    counts = queries_by_language(client, "awards:review", members[0].pk)
    assert counts["cy"] == counts["en-gb"]


def test_the_more_evidence_email_to_a_welsh_speaker_names_the_criteria_in_welsh(national_staff):
    application = make_submitted(stream=_welsh_stream())
    application.applicant.preferred_language = "cy"
    application.applicant.save(update_fields=["preferred_language"])
    make_panel(application, national_staff)
    services.review_start(application=application, actor=national_staff)
    services.evidence_request(
        application=application,
        answers=list(application.answers.all()),
        note="More, please.",
        due_on=timezone.localdate() + dt.timedelta(days=14),
        actor=national_staff,
    )
    email = OutboundEmail.objects.get(template="awards/emails/more_evidence", to=application.applicant.email)
    for part in (email.body_text, email.body_html):
        assert "Staff yn dysgu" in part
        assert "Welcome families" in part
        assert "Staff learn" not in part


def test_loading_the_starting_streams_fills_criteria_and_how_to_apply_in_welsh():
    services.streams_load()
    schools = Stream.objects.get(slug="schools")
    assert schools.how_to_apply_cy.startswith("Mewngofnodwch fel cyswllt")
    training = schools.criteria.get(title="Staff training")
    assert (training.title_cy, training.description_cy[:25]) == (
        "Hyfforddiant i staff",
        "Mae staff sy'n gweithio g",
    )
    assert not Criterion.objects.filter(title_cy="").exists()
    assert not Criterion.objects.filter(description_cy="").exists()


def test_the_data_migration_fills_criteria_welsh_only_where_staff_kept_the_starting_english():
    migration = importlib.import_module("awards.migrations.0006_welsh_how_to_apply_and_criteria")
    services.streams_load()
    Stream.objects.update(how_to_apply_cy="")
    Criterion.objects.update(title_cy="", description_cy="")
    schools = Stream.objects.get(slug="schools")
    schools.criteria.filter(title="Staff training").update(description="Our own wording.")
    schools.criteria.filter(title="Pupil voice").update(title_cy="Llais disgyblion")
    Stream.objects.filter(slug="faith").update(how_to_apply="Talk to us first.")

    migration.fill_welsh(apps, None)

    training = schools.criteria.get(title="Staff training")
    assert (training.title_cy, training.description_cy) == ("Hyfforddiant i staff", "")
    assert schools.criteria.get(title="Pupil voice").title_cy == "Llais disgyblion"
    assert Stream.objects.get(slug="schools").how_to_apply_cy.startswith("Mewngofnodwch")
    assert Stream.objects.get(slug="faith").how_to_apply_cy == ""
