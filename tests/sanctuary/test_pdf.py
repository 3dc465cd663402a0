"""The PDF helper renders real PDFs and reads nothing but the platform's static files."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from sanctuary.pdf import PDF_BASE_URL, ResourceRefused, StaticOnlyFetcher, render_pdf


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "http://example.org/logo.png",
        "https://169.254.169.254/latest/meta-data/",
        PDF_BASE_URL + "etc/passwd",
        PDF_BASE_URL + "static/../../etc/passwd.css",
        "data:text/plain,hello",
    ],
)
def test_fetcher_refuses_anything_but_static_files(url):
    with pytest.raises(ResourceRefused):
        StaticOnlyFetcher().fetch(url)


def test_fetcher_serves_a_static_file():
    response = StaticOnlyFetcher().fetch(PDF_BASE_URL + "static/css/site.css")
    assert b"skip-link" in response.read()


def test_rendered_pdf_escapes_text_and_ignores_local_files(test_templates):
    pdf = render_pdf(
        "tests/pdf_probe.html",
        {"name": "<img src='file:///etc/passwd'>Ada & Co"},
    )
    assert pdf.startswith(b"%PDF-")
    text = PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    assert "Ada & Co" in text
    assert "<img" in text  # shown as text, never interpreted
    assert "root:" not in text
