"""Award emails follow the reader's language (issue 19): every one of them reads in Welsh.

Each award email is rendered with Welsh active, in every variant its template has (awarded or
not, overdue or not, expired or not, with or without a due date): no English sentence may be
left in any part, and what people typed still shows as text.
"""

from __future__ import annotations

import datetime as dt
import re
from html import escape
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation

from sanctuary.notifications import render_email
from tests.welsh import welsh  # noqa: F401 - fixture

pytestmark = pytest.mark.usefixtures("welsh")

AWARD_EMAILS = sorted(
    f"awards/emails/{path.stem}"
    for path in (Path(settings.BASE_DIR) / "awards" / "templates" / "awards" / "emails").glob("*.html")
)
TYPED = "<b>O'Brien & Sons</b>"
URL = "https://sanctuary.example/awards/applications/1/"
# Words that any English sentence of these emails has and Welsh never does.
ENGLISH = re.compile(r"\b(the|your|has|have|been|please|you|and|Sanctuary|City)\b", re.IGNORECASE)


def _context(variant: bool) -> dict:
    return {
        "url": URL,
        "organisation": TYPED,
        "stream": TYPED,
        "award": TYPED,
        "number": "S-0001",
        "feedback": TYPED,
        "note": TYPED,
        "reason": TYPED,
        "criteria": [TYPED],
        "due_on": dt.date(2026, 3, 4) if variant else None,
        "expires_on": dt.date(2027, 3, 4),
        "awarded": variant,
        "overdue": variant,
        "expired": variant,
    }


def _prose(text: str) -> str:
    """What the email says in its own words: without what people typed and without addresses."""
    for typed in (TYPED, escape(TYPED)):
        text = text.replace(typed, " ")
    return re.sub(r"<[^>]+>", " ", text.replace(URL, " "))


def test_there_are_award_emails_to_check():
    assert len(AWARD_EMAILS) == 12


@pytest.mark.parametrize("variant", [True, False])
@pytest.mark.parametrize("template", AWARD_EMAILS)
def test_every_award_email_reads_in_welsh(template, variant):
    with translation.override("cy"):
        email = render_email(template, _context(variant))
    # The HTML part up to the shared layout's footer (the project's catalogue translates that).
    body_html = email.html.split("<hr>")[0]
    for part, text in (("subject", email.subject), ("text", email.text), ("html", body_html)):
        english = ENGLISH.findall(_prose(text))
        assert english == [], f"{template} {part} still says {english}: {text!r}"
    assert "Dinas Noddfa" in email.text
    assert "Dinas Noddfa" in body_html
    assert TYPED not in email.html  # typed markup shows as text in the HTML part
    assert escape(TYPED) not in email.text  # and the text part is not escaped like HTML
