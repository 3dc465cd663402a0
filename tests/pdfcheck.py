"""What a person checking a PDF for accessibility sees: poppler's ``pdfinfo`` and the catalogue."""

from __future__ import annotations

import io
import subprocess
import tempfile

from pypdf import PdfReader


def pdf_facts(data: bytes) -> dict[str, str]:
    """``pdfinfo``'s fields for ``data``, plus the document language (/Lang) and page count."""
    with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
        handle.write(data)
        handle.flush()
        out = subprocess.run(["pdfinfo", handle.name], capture_output=True, text=True, check=True).stdout
    facts = {}
    for line in out.splitlines():
        key, _, value = line.partition(":")
        facts[key.strip()] = value.strip()
    facts["Lang"] = str(PdfReader(io.BytesIO(data)).trailer["/Root"].get("/Lang", ""))
    return facts


def assert_accessible_pdf(data: bytes, *, title_contains: str, lang: str = "en-gb") -> dict[str, str]:
    facts = pdf_facts(data)
    assert facts["Tagged"] == "yes"
    assert title_contains in facts["Title"]
    assert facts["Lang"].lower() == lang
    assert facts["Page size"].endswith("(A4)")
    return facts
