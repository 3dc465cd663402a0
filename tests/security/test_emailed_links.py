"""Emailed links carry opaque tokens, never an email address or a name (SECURITY.md 18).

A Django signed token is base64 that anyone who sees the link can decode: a proxy log, a
server's access log, a browser's history. Every email the platform sends is triggered here
(the scenarios of the escaping test, which send each template at least once), every link in
the outbox is taken apart, and each part, decoded the way ``django.core.signing`` encodes it,
must hold no address and no name of anyone in the database.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import re
import zlib
from urllib.parse import unquote, urlsplit

import pytest
from django.contrib.auth import get_user_model

from campaigns.models import PledgeSignature
from groups.models import CharterSignature, GroupInvitation, OrganisationPledge
from sanctuary.models import OutboundEmail
from tests.security.test_escaping_in_emails_and_pdfs import (
    USER_TEXT_EMAILS,
    _awards_emails,
    _campaigns_emails,
    _groups_emails,
    _la_network_emails,
    _resources_emails,
    _returnee_emails,
    _sanctuary_emails,
)

pytestmark = pytest.mark.django_db

URL = re.compile(r"https?://[^\s<>\"']+")


def _decoded(segment: str) -> str:
    """The segment as text, and as base64 (compressed or not) when it decodes as such."""
    texts = [unquote(segment)]
    compressed = segment.startswith(".")
    raw = segment.lstrip(".")
    try:
        data = base64.urlsafe_b64decode(raw + "=" * (-len(raw) % 4))
    except (binascii.Error, ValueError):
        return texts[0]
    if compressed:
        with contextlib.suppress(zlib.error):
            data = zlib.decompress(data)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return texts[0]  # a signature's random bytes: nothing readable there
    if text.isprintable():
        texts.append(text)
    return "\n".join(texts)


def _link_parts(url: str) -> list[str]:
    parts = urlsplit(url)
    pieces = [p for p in parts.path.split("/") if p] + [p for p in re.split(r"[&=]", parts.query) if p]
    # A signed token is value:timestamp:signature; each segment is decoded on its own.
    return [segment for piece in pieces for segment in unquote(piece).split(":") if segment]


def _personal_values() -> set[str]:
    values: set[str] = set()
    for user in get_user_model().objects.all():
        values |= {user.email, user.display_name}
    for model, fields in (
        (CharterSignature, ("email", "name")),
        (PledgeSignature, ("email", "name")),
        (GroupInvitation, ("email",)),
        (OrganisationPledge, ("contact_email", "contact_name")),
    ):
        for row in model.objects.values_list(*fields):
            values |= set(row)
    values |= set(OutboundEmail.objects.values_list("to", flat=True))
    return {value.lower() for value in values if value and len(value) > 3}


def test_no_emailed_link_carries_an_address_or_a_name(national_staff, coordinator):
    _sanctuary_emails()
    _groups_emails(national_staff)
    _campaigns_emails()
    _awards_emails(national_staff)
    _la_network_emails(national_staff)
    _returnee_emails()
    _resources_emails(national_staff)
    emails = list(OutboundEmail.objects.all())
    assert {email.template for email in emails} >= USER_TEXT_EMAILS
    personal = _personal_values()
    links = {
        (email.template, url) for email in emails for url in URL.findall(email.body_text + email.body_html)
    }
    tokens_seen = 0
    for template, url in links:
        for segment in _link_parts(url):
            text = _decoded(segment).lower()
            tokens_seen += len(segment) > 20
            assert "@" not in text, f"{template}: an address in the link {url}"
            leaked = {value for value in personal if value in text}
            assert not leaked, f"{template}: {sorted(leaked)} readable in the link {url}"
        for value in personal:
            assert value not in unquote(url).lower(), f"{template}: {value!r} in {url}"
    assert tokens_seen >= 6, "the scenarios send the links with tokens"


def test_the_decoder_finds_an_address_in_a_signed_token():
    """The check above would see an address hidden in a signed (and compressed) token."""
    from django.core import signing

    for compress in (False, True):
        token = signing.dumps({"e": "someone@example.org" * 3}, salt="x", compress=compress)
        assert any("someone@example.org" in _decoded(part) for part in _link_parts(f"https://h/t/{token}/"))
