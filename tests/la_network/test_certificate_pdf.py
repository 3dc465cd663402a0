"""The membership certificate is a tagged A4 PDF linking (and QR-coding) the check page of its term."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from la_network.logos import STATIC_PATH
from la_network.services import certificate_render
from tests.la_network.factories import make_membership
from tests.pdfcheck import assert_accessible_pdf

pytestmark = pytest.mark.django_db


def test_certificate_is_tagged_titled_and_links_its_check_page(client):
    membership = make_membership(starts_on=timezone.localdate() - dt.timedelta(days=1))
    council = membership.local_authority
    pdf = certificate_render(membership)
    assert_accessible_pdf(pdf, title_contains=council.official_name)
    page = PdfReader(io.BytesIO(pdf)).pages[0]
    text = " ".join(page.extract_text().split())
    assert council.official_name in text
    assert membership.ends_on.strftime("%-d %B %Y") in text
    links = [a.get_object()["/A"]["/URI"] for a in page.get("/Annots", []) if a.get_object().get("/A")]
    # A printed address that wraps onto a second line is one link drawn over two line boxes.
    network = sorted({link for link in links if "/la-network/" in link})
    assert network == [settings.SITE_URL + reverse("la_network:verify", args=[membership.verification_code])]
    # The link leads to a page that names the council and says its membership is current.
    path = network[0].split("://", 1)[1].split("/", 1)[1]
    body = client.get("/" + path).content.decode()
    assert council.official_name in body
    assert "genuine and the council's membership is current" in body


def test_member_logo_comes_as_svg_and_png(client_for):
    membership = make_membership(starts_on=timezone.localdate() - dt.timedelta(days=1))
    client = client_for(membership.local_authority.contacts.get().user)
    url = reverse("la_network:logo", args=[membership.pk])
    svg = client.get(url)
    assert svg["Content-Type"] == "image/svg+xml"
    assert b"Local Authority Network member" in b"".join(svg.streaming_content)
    png = client.get(url, {"format": "png"})
    assert png["Content-Type"] == "image/png"
    assert png["Cache-Control"] == "private, no-store"
    assert b"".join(png.streaming_content) == STATIC_PATH.with_suffix(".png").read_bytes()
