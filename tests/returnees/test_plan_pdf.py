"""The return plan reads well on paper: a tagged A4 PDF with its headings, page numbers on every
page, and the same personal details as before (the name the person goes by, nothing more)."""

from __future__ import annotations

import io

import pytest
from django.utils import timezone
from pypdf import PdfReader

from returnees.models import PlanVersion
from returnees.services.plans import plan_version_create
from sanctuary.pdf import render_pdf
from tests.pdfcheck import assert_accessible_pdf
from tests.returnees.factories import guardian_of, monitored_case

pytestmark = pytest.mark.django_db


def _render(plan):
    return render_pdf(
        "returnees/plan_pdf.html", {"case": plan.case, "plan": plan, "generated_at": timezone.now()}
    )


def test_plan_is_tagged_with_headings_and_numbered_pages():
    case = monitored_case(known_as="Sam")
    long_text = "\n".join(
        f"Step {i}: meet the contact at the station and call the circle." for i in range(60)
    )
    sections = {name: long_text if name == "travel" else "" for name, _label in PlanVersion.SECTIONS}
    plan = plan_version_create(actor=guardian_of(case), case=case, sections=sections)
    pdf = _render(plan)
    facts = assert_accessible_pdf(pdf, title_contains=case.reference)
    pages = PdfReader(io.BytesIO(pdf)).pages
    assert int(facts["Pages"]) == len(pages) >= 2
    texts = [" ".join(page.extract_text().split()) for page in pages]
    for number, text in enumerate(texts, start=1):
        assert f"Page {number} of {len(pages)}" in text
        assert f"Return plan, version {plan.number}" in text
    whole = " ".join(texts)
    for index, (_name, label) in enumerate(PlanVersion.SECTIONS, start=1):
        assert f"{index}. {label}" in whole
    assert "Nothing written yet." in whole  # an empty section says so rather than vanishing
    assert "Sam" in whole
    # Headings are tagged as headings for a screen reader.
    structure = pdf_structure(pdf)
    assert structure.count("H2") == len(PlanVersion.SECTIONS) and "H1" in structure


def test_plan_carries_no_more_personal_data_than_before():
    case = monitored_case(
        known_as="",
        destination_place="Harbour district",
        phone_numbers="+999 555 0100",
        identification_notes="Scar on the left hand",
    )
    sections = {name: "" for name, _label in PlanVersion.SECTIONS}
    plan = plan_version_create(actor=guardian_of(case), case=case, sections=sections)
    text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(_render(plan))).pages)
    assert case.full_name in text  # the name, as before, when no other name is given
    for private in ("Harbour district", "+999 555 0100", "Scar on the left hand", case.languages):
        if private:
            assert private not in text


def pdf_structure(pdf: bytes) -> str:
    import subprocess
    import tempfile

    with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
        handle.write(pdf)
        handle.flush()
        return subprocess.run(
            ["pdfinfo", "-struct", handle.name],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
