"""A current holder downloads their stream's logo as SVG or PNG; a stream added after the logos
were built gets one drawn from its own title."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from PIL import Image

from awards.logos import STATIC_DIR
from tests.awards.factories import make_award, make_stream

pytestmark = pytest.mark.django_db


def _download(client_for, award, **query):
    contact = award.application.organisation.contacts.first()
    response = client_for(contact.user).get(reverse("awards:logo", args=[award.pk]), query)
    assert response.status_code == 200
    return response, b"".join(response.streaming_content)


def test_a_built_stream_serves_its_own_files(client_for, national_staff):
    award = make_award(national_staff, stream=make_stream(slug="schools", award_title="School of Sanctuary"))
    response, svg = _download(client_for, award)
    assert response["Content-Type"] == "image/svg+xml"
    assert svg == (STATIC_DIR / "schools.svg").read_bytes()
    assert b"School of Sanctuary" in svg  # the accessible name; the drawn text is outlines
    response, png = _download(client_for, award, format="png")
    assert response["Content-Type"] == "image/png"
    assert 'filename="schools-of-sanctuary.png"' in response["Content-Disposition"]
    assert png == (STATIC_DIR / "schools.png").read_bytes()


def test_a_new_stream_gets_a_logo_drawn_from_its_title(client_for, national_staff):
    award = make_award(national_staff, stream=make_stream(slug="cafes", award_title="Café of Sanctuary"))
    _response, svg = _download(client_for, award)
    assert "Café of Sanctuary: a City of Sanctuary award".encode() in svg
    assert svg != (STATIC_DIR / "award.svg").read_bytes()
    _response, png = _download(client_for, award, format="png")
    assert Image.open(io.BytesIO(png)).size == (512, 512)
