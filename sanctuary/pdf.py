"""Rendering templates to PDF with WeasyPrint.

The URL fetcher serves only the platform's own static files: a template (or a
user's text that slipped into one) can never make the renderer read a local file
or reach the network.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import segno
from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import QuerySet
from django.template.loader import render_to_string
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

from sanctuary import crypto
from sanctuary.i18n import language_of, supported

_MIME = {
    ".css": "text/css",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".svg": "image/svg+xml",
    ".woff2": "font/woff2",
    ".woff": "font/woff",
    ".ttf": "font/ttf",
}

# Rendering happens without a request; this origin stands in for "our own site".
PDF_BASE_URL = "https://sanctuary.invalid/"


class ResourceRefused(ValueError):
    """The PDF asked for something outside the platform's static files."""


class StaticOnlyFetcher(URLFetcher):
    def fetch(self, url: str, headers=None) -> URLFetcherResponse:
        path = self.static_path(url)
        return URLFetcherResponse(
            url, body=path.read_bytes(), headers={"Content-Type": _MIME[path.suffix.lower()]}
        )

    @staticmethod
    def static_path(url: str) -> Path:
        parts = urlsplit(url)
        base = urlsplit(PDF_BASE_URL)
        if (parts.scheme, parts.netloc) != (base.scheme, base.netloc):
            raise ResourceRefused(f"Only the platform's static files may be used: {url[:80]}")
        if not parts.path.startswith(settings.STATIC_URL):
            raise ResourceRefused("Only the platform's static files may be used.")
        relative = unquote(parts.path.removeprefix(settings.STATIC_URL))
        if ".." in Path(relative).parts or Path(relative).suffix.lower() not in _MIME:
            raise ResourceRefused("That static file type is not allowed in a PDF.")
        found = finders.find(relative)
        if not found:
            raise ResourceRefused("No such static file.")
        return Path(found)


@cache
def _fetcher() -> StaticOnlyFetcher:
    # Building a fetcher loads the system's CA certificates for an HTTPS handler this fetcher
    # never uses (a third of a certificate's render time): one instance, which keeps no state
    # between fetches, serves every render.
    return StaticOnlyFetcher()


# Every PDF is tagged PDF/UA-1: a screen reader can follow its headings, reading order and
# language. The template must give the document a <title> and <html lang>.
PDF_VARIANT = "pdf/ua-1"


def render_pdf(template_name: str, context: dict[str, Any], *, language: str | None = None) -> bytes:
    """Render ``template_name`` (autoescaped like any page) to PDF bytes, in ``language`` (the
    active language when None). The template's ``<html lang="{{ LANGUAGE_CODE }}">`` gives the
    PDF its language, which screen readers and tagged-PDF checkers read."""
    language = supported(language or get_language())
    with language_of(language):
        html = render_to_string(template_name, {**context, "LANGUAGE_CODE": language})
    document = HTML(string=html, base_url=PDF_BASE_URL, url_fetcher=_fetcher())
    return document.write_pdf(pdf_variant=PDF_VARIANT)


def qr_svg(url: str, *, title: str) -> SafeString:
    """A QR code for ``url`` as inline SVG, for a printed document to carry its own link.

    Only the modules are drawn (no text from ``url`` reaches the markup); ``title`` names the
    picture for assistive technology and is escaped.
    """
    code = segno.make(url, error="m", micro=False)
    svg = code.svg_inline(scale=1, border=2, dark="#000", omitsize=True, svgclass="qr", lineclass=None)
    return format_html(
        '<figure class="qr" role="img" aria-label="{}">{}</figure>',
        title,
        mark_safe(svg),  # noqa: S308
    )


@dataclass(frozen=True)
class CertificateLook:
    """The colours of a printed certificate: its frame and title, its text, and its quieter text."""

    colour: str
    ink: str = "#1f2d30"
    muted: str = "#4a5a5e"


def render_certificate(
    template_name: str,
    context: dict[str, Any],
    *,
    verify_url: str,
    logo_svg: SafeString,
    look: CertificateLook,
    valid_from,
    valid_until,
    language: str | None,
) -> bytes:
    """A certificate on the one printed layout (sanctuary/pdf/certificate.html, which
    ``template_name`` extends): its logo, dates, and a QR code to ``verify_url`` named in the
    certificate's language."""
    with language_of(supported(language or get_language())):
        qr = qr_svg(verify_url, title=_("A QR code that opens the address below"))
    return render_pdf(
        template_name,
        {
            **context,
            "verify_url": verify_url,
            "qr": qr,
            "logo_svg": logo_svg,
            "colour": look.colour,
            "ink": look.ink,
            "muted": look.muted,
            "valid_from": valid_from,
            "valid_until": valid_until,
        },
        language=language,
    )


def stored_pdf(
    queryset: QuerySet,
    pk,
    *,
    field: str,
    render: Callable[[Any], bytes],
    encrypted: bool = False,
    on_create: Callable[[Any], None] | None = None,
) -> bytes | None:
    """The PDF kept in ``field`` of row ``pk``, rendered and stored the first time only.

    A stored document is the one that was issued: later downloads get the same bytes, and no
    request pays for a render twice. ``encrypted`` keeps only ciphertext on disk (documents
    about returnees). The row lock makes two first downloads render once. ``on_create`` runs
    in the same transaction (to stamp a time, write an audit row). None when the row is gone.
    """
    row = queryset.filter(pk=pk).first()
    if row is None:
        return None
    if not getattr(row, field):
        with transaction.atomic():
            row = queryset.select_for_update(of=("self",)).filter(pk=pk).first()
            if row is None:
                return None
            stored = getattr(row, field)
            if not stored:
                pdf = render(row)
                data = crypto.encrypt_bytes(pdf) if encrypted else pdf
                stored.save(f"{secrets.token_hex(16)}.pdf", ContentFile(data), save=False)
                name = stored.name
                # If the row cannot be saved, no orphaned file stays behind.
                try:
                    row.save(update_fields=[field])
                    if on_create:
                        on_create(row)
                except Exception:
                    stored.storage.delete(name)
                    raise
                return pdf
    with getattr(row, field).open("rb") as handle:
        data = handle.read()
    return crypto.decrypt_bytes(data) if encrypted else data
