"""Award emails follow the reader's language (issue 19): every one of them reads in Welsh.

The scenario of the escaping proof sends each award email once; sent with Welsh active, no
English sentence may be left in any part, and typed markup must still show as text.
"""

from __future__ import annotations

import re
from html import escape
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation

from sanctuary.models import OutboundEmail
from tests.security.test_escaping_in_emails_and_pdfs import BOLD, HOSTILE, _awards_emails
from tests.welsh import welsh  # noqa: F401 - fixture

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("welsh")]

AWARD_EMAILS = {
    f"awards/emails/{path.stem}"
    for path in (Path(settings.BASE_DIR) / "awards" / "templates" / "awards" / "emails").glob("*.html")
}
# Words that any English sentence of these emails has and Welsh never does.
ENGLISH = re.compile(r"\b(the|your|has|have|been|please|you|and|Sanctuary)\b", re.IGNORECASE)
URL = re.compile(r"https?://\S+")


def _prose(text: str) -> str:
    """What the email says in its own words: without what people typed and without addresses."""
    for typed in (HOSTILE, escape(HOSTILE), BOLD, escape(BOLD)):
        text = text.replace(typed, " ")
    return URL.sub(" ", re.sub(r"<[^>]+>", " ", text))


def test_every_award_email_reads_in_welsh(national_staff):
    with translation.override("cy"):
        _awards_emails(national_staff)
    sent = [email for email in OutboundEmail.objects.all() if email.template in AWARD_EMAILS]
    assert {email.template for email in sent} == AWARD_EMAILS
    for email in sent:
        # The HTML part up to the shared layout's footer (the project's catalogue translates that).
        body_html = email.body_html.split("<hr>")[0]
        for part, text in (("subject", email.subject), ("text", email.body_text), ("html", body_html)):
            english = ENGLISH.findall(_prose(text))
            assert english == [], f"{email.template} {part} still says {english}: {text!r}"
        assert "Dinas Noddfa" in email.body_text, email.template
        assert escape(BOLD) not in email.body_text  # the text part is not escaped like HTML
        assert "<b>bold</b>" not in email.body_html  # typed markup shows as text in HTML
