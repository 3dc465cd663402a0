"""Award streams in Welsh (issue 19): the words staff keep on a stream (its name, award title and
summary) have Welsh values, shown on Welsh pages, in Welsh emails and on a Welsh-speaker's
certificate; English pages, open data and the API keep the English; a stream without Welsh
shows its English everywhere."""

from __future__ import annotations

import importlib
import io

import pytest
from django.apps import apps
from django.urls import reverse
from django.utils import translation
from pypdf import PdfReader

from awards import services
from awards.models import Award, Stream
from awards.services import certificate_render
from sanctuary.models import OutboundEmail
from tests.awards.factories import make_panel, make_stream, make_submitted, review_all
from tests.helpers import get_in, queries_by_language
from tests.welsh import welsh  # noqa: F401 - fixture

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("welsh")]


def _welsh_stream(**kwargs) -> Stream:
    return make_stream(
        name="Schools",
        award_title="School of Sanctuary",
        summary="For schools that welcome.",
        name_cy="Ysgolion",
        award_title_cy="Ysgol Noddfa",
        summary_cy="Ar gyfer ysgolion sy'n croesawu.",
        **kwargs,
    )


def _award(staff, stream: Stream, *, language: str) -> Award:
    application = make_submitted(stream=stream)
    application.applicant.preferred_language = language
    application.applicant.save(update_fields=["preferred_language"])
    members = make_panel(application, staff)
    services.review_start(application=application, actor=staff)
    review_all(application, members)
    services.application_decide(application=application, awarded=True, feedback="Well done.", actor=staff)
    return Award.objects.select_related("stream", "organisation", "application__applicant").get(
        application=application
    )


def _pdf_text(pdf: bytes) -> str:
    return " ".join(PdfReader(io.BytesIO(pdf)).pages[0].extract_text().split())


def test_a_welsh_speakers_certificate_carries_the_welsh_award_title(national_staff):
    award = _award(national_staff, _welsh_stream(), language="cy")
    pdf = certificate_render(award)
    text = _pdf_text(pdf)
    assert "Ysgol Noddfa" in text
    assert "Ysgolion" in text  # the stream, in the award number line
    assert "School of Sanctuary" not in text
    assert "Ysgol Noddfa" in PdfReader(io.BytesIO(pdf)).metadata.title


def test_an_english_speakers_certificate_keeps_the_english_title(national_staff):
    award = _award(national_staff, _welsh_stream(), language="en-gb")
    text = _pdf_text(certificate_render(award))
    assert "School of Sanctuary" in text
    assert "Ysgol Noddfa" not in text


def test_a_stream_without_welsh_shows_its_english_title_on_a_welsh_certificate(national_staff):
    stream = make_stream(award_title="Library of Sanctuary")
    award = _award(national_staff, stream, language="cy")
    assert "Library of Sanctuary" in _pdf_text(certificate_render(award))


def test_the_decision_email_to_a_welsh_speaker_names_the_stream_in_welsh(national_staff):
    award = _award(national_staff, _welsh_stream(), language="cy")
    email = OutboundEmail.objects.get(template="awards/emails/decision", to=award.application.applicant.email)
    for part in (email.body_text, email.body_html):
        assert "Ysgolion" in part
        assert "Schools" not in part


def test_stream_pages_in_welsh_show_the_welsh_values_and_english_pages_the_english(client):
    stream = _welsh_stream()
    welsh_page = get_in(client, "awards:stream", stream.slug, language="cy").text
    assert "<h1>Ysgol Noddfa</h1>" in welsh_page
    assert "Ar gyfer ysgolion sy&#x27;n croesawu." in welsh_page
    assert "<title>Ysgolion" in welsh_page
    assert "School of Sanctuary" not in welsh_page

    english_page = get_in(client, "awards:stream", stream.slug, language="en-gb").text
    assert "<h1>School of Sanctuary</h1>" in english_page
    assert "For schools that welcome." in english_page
    assert "Ysgol" not in english_page

    welsh_index = get_in(client, "awards:index", language="cy").text
    assert ">Ysgolion</a>" in welsh_index
    english_index = get_in(client, "awards:index", language="en-gb").text
    assert ">Schools</a>" in english_index
    assert "Ysgolion" not in english_index


def test_a_stream_without_welsh_shows_its_english_on_welsh_pages(client):
    stream = make_stream(name="Libraries", award_title="Library of Sanctuary", summary="For libraries.")
    page = get_in(client, "awards:stream", stream.slug, language="cy").text
    assert "<h1>Library of Sanctuary</h1>" in page
    assert "For libraries." in page


def test_the_verify_page_in_welsh_names_the_welsh_award(client, national_staff):
    award = _award(national_staff, _welsh_stream(), language="en-gb")
    assert "Ysgol Noddfa" in get_in(client, "awards:verify", award.verification_code, language="cy").text
    english = get_in(client, "awards:verify", award.verification_code, language="en-gb").text
    assert "School of Sanctuary" in english
    assert "Ysgol Noddfa" not in english


def test_open_data_and_the_api_keep_the_english_award_title(client, national_staff):
    _award(national_staff, _welsh_stream(), language="cy")
    client.cookies["django_language"] = "cy"
    headers = {"HTTP_ACCEPT_LANGUAGE": "cy"}
    with translation.override("cy"):
        rows = client.get(reverse("open_data_json", args=["award-holders"]), **headers).json()
        listed = client.get(reverse("api:list", args=["award-holders"]), **headers).json()
    assert [row["award"] for row in rows] == ["School of Sanctuary"]
    assert "School of Sanctuary" in str(listed)
    assert "Ysgol" not in str(listed)


def test_a_welsh_stream_page_asks_the_database_no_more_than_the_english_one(client):
    # Every Welsh value the page can show: the stream's, how to apply, a criterion's.
    stream = _welsh_stream(how_to_apply="Ask the national team.", how_to_apply_cy="Gofynnwch i'r tîm.")
    stream.criteria.filter(title="Staff learn").update(
        title_cy="Staff yn dysgu",
        description_cy="Disgrifiwch.",
        guidance="Records.",
        guidance_cy="Cofnodion.",
    )

    counts = queries_by_language(client, "awards:stream", stream.slug)
    assert counts["cy"] == counts["en-gb"]


def test_loading_the_starting_streams_fills_their_welsh():
    services.streams_load()
    schools = Stream.objects.get(slug="schools")
    assert (schools.name_cy, schools.award_title_cy) == ("Ysgolion", "Ysgol Noddfa")
    assert Stream.objects.exclude(name_cy="").exclude(award_title_cy="").exclude(summary_cy="").count() == (
        Stream.objects.count()
    )


def test_the_data_migration_fills_welsh_only_where_staff_kept_the_starting_english():
    migration = importlib.import_module("awards.migrations.0005_stream_welsh")
    kept = make_stream(slug="libraries", name="Libraries", award_title="Library of Sanctuary")
    renamed = make_stream(slug="sport", name="Sport clubs", award_title="Sport of Sanctuary")
    translated = make_stream(slug="faith", name="Faith", award_title_cy="Noddfa Ffydd")
    migration.fill_welsh(apps, None)
    kept.refresh_from_db()
    renamed.refresh_from_db()
    translated.refresh_from_db()
    assert (kept.name_cy, kept.award_title_cy) == ("Llyfrgelloedd", "Llyfrgell Noddfa")
    # Staff renamed it: no Welsh for a name it no longer has; the unchanged title gets its Welsh.
    assert (renamed.name_cy, renamed.award_title_cy) == ("", "Chwaraeon Noddfa")
    # Welsh staff wrote is never overwritten.
    assert translated.award_title_cy == "Noddfa Ffydd"
    assert translated.name_cy == "Ffydd"
