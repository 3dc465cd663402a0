"""The award certificate is a tagged A4 PDF: logo, holder, stream, dates, and a verification
link that is clickable and drawn as a QR code."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from awards.services import certificate_render
from tests.awards.factories import make_award
from tests.pdfcheck import assert_accessible_pdf

pytestmark = pytest.mark.django_db


def test_certificate_is_tagged_titled_and_carries_its_link(national_staff):
    award = make_award(national_staff)
    pdf = certificate_render(award)
    facts = assert_accessible_pdf(pdf, title_contains=award.number)
    assert award.stream.award_title in facts["Title"]
    assert facts["Pages"] == "1"
    page = PdfReader(io.BytesIO(pdf)).pages[0]
    text = " ".join(page.extract_text().split())
    for shown in (award.organisation.name, award.stream.award_title, award.awarded_on.strftime("%-d %B %Y")):
        assert shown in text
    assert award.expires_on.strftime("%-d %B %Y") in text
    links = [a.get_object()["/A"]["/URI"] for a in page.get("/Annots", []) if a.get_object().get("/A")]
    assert any(award.verification_code in link for link in links)
    # The logo and the QR code are drawn (vector paths), not left out.
    content = page.get_contents().get_data()
    assert content.count(b" re") + content.count(b" l") > 100
