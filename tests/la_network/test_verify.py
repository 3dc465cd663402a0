"""Each term of membership has its own check page, opened by the link and QR code printed on
its certificate: it says whether the certificate is genuine and the term current, and shows
nothing about the people behind the council."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.conf import settings
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test.signals import template_rendered
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from pypdf import PdfReader

from la_network.models import Membership
from la_network.services import certificate_pdf, certificate_render
from sanctuary.pdf import qr_svg
from tests.la_network.factories import make_membership

pytestmark = pytest.mark.django_db

CURRENT = "genuine and the council's membership is current"


def _verify_url(membership: Membership) -> str:
    return settings.SITE_URL + reverse("la_network:verify", args=[membership.verification_code])


def _links(pdf: bytes) -> list[str]:
    page = PdfReader(io.BytesIO(pdf)).pages[0]
    return [a.get_object()["/A"]["/URI"] for a in page.get("/Annots", []) if a.get_object().get("/A")]


def _path(url: str) -> str:
    return "/" + url.split("://", 1)[1].split("/", 1)[1]


def _rendered_certificate(membership: Membership) -> tuple[bytes, dict]:
    """The PDF, and what its template was given (to read back the QR code it drew)."""
    seen: dict = {}

    def keep(sender, template, context, **kwargs):
        if template.name == "la_network/certificate_pdf.html":
            seen.update(qr=context.get("qr"), verify_url=context.get("verify_url"))

    template_rendered.connect(keep)
    try:
        pdf = certificate_render(membership)
    finally:
        template_rendered.disconnect(keep)
    return pdf, seen


def test_certificate_link_and_qr_code_open_the_check_page_of_that_term(client):
    membership = make_membership(starts_on=timezone.localdate() - dt.timedelta(days=1))
    other = make_membership(starts_on=timezone.localdate() - dt.timedelta(days=1))
    pdf, drawn = _rendered_certificate(membership)
    expected = _verify_url(membership)
    # The clickable link, and the same address printed for people to type.
    links = _links(pdf)
    assert expected in links
    assert not [link for link in links if "/la-network/" in link and link != expected]
    text = "".join(PdfReader(io.BytesIO(pdf)).pages[0].extract_text().split())
    assert expected in text
    # The QR code is the one for that address, not for the register or another term.
    assert drawn["verify_url"] == expected
    title = _("A QR code that opens the address below")
    assert str(drawn["qr"]) == str(qr_svg(expected, title=title))
    assert str(drawn["qr"]) != str(qr_svg(_verify_url(other), title=title))
    # Following the link shows this term of this council.
    page = client.get(_path(expected))
    assert page.status_code == 200
    body = page.content.decode()
    assert CURRENT in body
    assert membership.local_authority.official_name in body
    assert other.local_authority.official_name not in body


def test_stored_certificate_keeps_its_link(client):
    membership = make_membership(starts_on=timezone.localdate() - dt.timedelta(days=1))
    first = certificate_pdf(membership=membership)
    assert _verify_url(membership) in _links(first)
    assert certificate_pdf(membership=membership) == first


def test_codes_are_unique_and_not_sequential():
    today = timezone.localdate()
    codes = [make_membership(starts_on=today).verification_code for _ in range(3)]
    assert len(set(codes)) == 3
    assert all(len(code) >= 24 for code in codes)
    assert not any(code.isdigit() for code in codes)


@pytest.mark.parametrize(
    "years_ago,status,says,label",
    [
        (0, Membership.Status.ACTIVE, CURRENT, "Member"),
        (2, Membership.Status.RENEWED, CURRENT, "Member"),
        (4, Membership.Status.ACTIVE, "the term of membership it certifies has expired", "Expired"),
        (4, Membership.Status.RENEWED, "The council renewed its membership", "Expired"),
        (4, Membership.Status.LAPSED, "the council's membership has lapsed", "Lapsed"),
        (-1, Membership.Status.ACTIVE, "certifies starts on", "Not started yet"),
    ],
)
def test_check_page_says_whether_the_term_is_current(client, years_ago, status, says, label):
    starts_on = timezone.localdate() - dt.timedelta(days=365 * years_ago + 1)
    membership = make_membership(starts_on=starts_on, status=status)
    page = client.get(reverse("la_network:verify", args=[membership.verification_code]))
    assert page.status_code == 200
    body = page.content.decode()
    assert says in body
    assert f"<dd>{label}</dd>" in body
    assert membership.starts_on.strftime("%-d %B %Y") in body
    assert membership.ends_on.strftime("%-d %B %Y") in body
    if says != CURRENT:
        assert CURRENT not in body


def test_check_page_shows_no_personal_data(client):
    membership = make_membership(
        starts_on=timezone.localdate(),
        officer_name="Olwen Officer-Private",
        officer_email="olwen@council.example",
        councillor_name="Cai Councillor-Private",
        councillor_email="cai@council.example",
        charter_signatory_name="Siân Signatory-Private",
    )
    contact = membership.local_authority.contacts.get().user
    body = client.get(reverse("la_network:verify", args=[membership.verification_code])).content.decode()
    hidden = ("Officer-Private", "Councillor-Private", "Signatory-Private", "@council.example", contact.email)
    for private in hidden:
        assert private not in body


@pytest.mark.parametrize("code", ["not-a-real-code", "x" * 200])
def test_unknown_code_answers_404_with_a_clear_page(client, code, django_assert_num_queries):
    make_membership(starts_on=timezone.localdate())
    with django_assert_num_queries(0 if len(code) > 40 else 1):
        page = client.get(reverse("la_network:verify", args=[code]))
    assert page.status_code == 404
    assert "We have no certificate with this code" in page.content.decode()


@pytest.mark.parametrize("terms", [1, 12])
def test_check_page_query_count_is_fixed(client, terms, django_assert_num_queries):
    today = timezone.localdate()
    memberships = [make_membership(starts_on=today) for _ in range(terms)]
    with django_assert_num_queries(1):
        page = client.get(reverse("la_network:verify", args=[memberships[-1].verification_code]))
    assert page.status_code == 200


@pytest.mark.django_db(transaction=True)
def test_migration_gives_existing_terms_their_own_codes():
    before = [("la_network", "0003_membership_certificate_stored")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old = executor.loader.project_state(before).apps
    council = old.get_model("la_network", "LocalAuthority").objects.create(
        code="OLD", official_name="Oldtown Council", short_name="Oldtown", nation="england"
    )
    Application = old.get_model("la_network", "Application")
    Membership_ = old.get_model("la_network", "Membership")
    today = timezone.localdate()
    for year in range(3):
        application = Application.objects.create(local_authority=council, status="approved")
        Membership_.objects.create(
            local_authority=council,
            application=application,
            starts_on=today.replace(year=today.year - 3 * year),
            ends_on=today.replace(year=today.year - 3 * year + 3),
        )
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes("la_network"))
    codes = list(Membership.objects.values_list("verification_code", flat=True))
    assert len(codes) == 3 and len(set(codes)) == 3 and all(codes)
