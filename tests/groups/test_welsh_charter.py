"""The charter in Welsh: a version holds its title, text and organisation pledge in both
languages. Welsh pages show the Welsh when that version has it and the English when it does not;
English pages show the English; a signature made from either page cites the same version; staff
write the Welsh beside the English when they publish a version."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from groups import selectors
from groups.forms import CharterVersionForm
from groups.models import CharterSignature
from sanctuary.models import OutboundEmail
from tests.groups.factories import CharterVersionFactory
from tests.helpers import get_in, queries_by_language
from tests.welsh import welsh  # noqa: F401 - fixture

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("welsh")]


def _welsh_version(**kwargs):
    return CharterVersionFactory(
        title="The charter",
        title_cy="Y siarter",
        text="We welcome people seeking sanctuary.",
        text_cy="Rydym yn croesawu pobl sy'n ceisio noddfa.",
        organisation_pledge="We will be a welcoming organisation.",
        organisation_pledge_cy="Byddwn yn sefydliad croesawgar.",
        **kwargs,
    )


def test_the_welsh_charter_pages_show_the_versions_welsh(client):
    _welsh_version()
    page = get_in(client, "charter:sign", language="cy").text
    assert 'class="h4">Y siarter</h2>' in page
    assert "Rydym yn croesawu pobl sy&#x27;n ceisio noddfa." in page
    assert "We welcome people seeking sanctuary." not in page

    organisation = get_in(client, "charter:organisation_sign", language="cy").text
    assert "Byddwn yn sefydliad croesawgar." in organisation
    assert "We will be a welcoming organisation." not in organisation


def test_the_english_charter_pages_show_the_english(client):
    _welsh_version()
    page = get_in(client, "charter:sign", language="en-gb").text
    assert 'class="h4">The charter</h2>' in page
    assert "We welcome people seeking sanctuary." in page
    assert "Rydym" not in page
    organisation = get_in(client, "charter:organisation_sign", language="en-gb").text
    assert "We will be a welcoming organisation." in organisation
    assert "Byddwn" not in organisation


def test_a_version_without_welsh_shows_its_english_on_welsh_pages(client):
    CharterVersionFactory(title="The charter", text="We welcome people seeking sanctuary.")
    page = get_in(client, "charter:sign", language="cy").text
    assert 'class="h4">The charter</h2>' in page
    assert "We welcome people seeking sanctuary." in page
    organisation = get_in(client, "charter:organisation_sign", language="cy").text
    assert "We will be a welcoming organisation." in organisation


def test_the_welsh_page_shows_the_current_versions_welsh_not_an_older_ones(client):
    _welsh_version(number=1)
    CharterVersionFactory(number=2, title="The charter, revised", text="New words.")
    page = get_in(client, "charter:sign", language="cy").text
    assert "The charter, revised" in page
    assert "New words." in page
    assert "Y siarter" not in page


def test_signing_from_the_welsh_page_records_the_same_version_and_emails_in_welsh(
    client, django_capture_on_commit_callbacks
):
    version = _welsh_version()
    with translation.override("cy"), django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("charter:sign"),
            {
                "name": "Rhian",
                "email": "rhian@example.net",
                "place": "Caerdydd",
                "region": "wales",
                "agree": "on",
            },
        )
    assert response.status_code == 302
    assert CharterSignature.objects.get().charter_version == version
    email = OutboundEmail.objects.get(to="rhian@example.net")
    assert "siarter" in email.subject


def test_staff_publish_a_version_with_welsh_beside_the_english(client, client_for, national_staff):
    _welsh_version(number=1)
    staff = client_for(national_staff)
    form = staff.get(reverse("charter:edit")).text
    # The new version starts from the current words in both languages.
    assert 'value="Y siarter"' in form
    assert "Title in Welsh" in form
    assert "Charter text in Welsh" in form
    assert "Organisation pledge in Welsh" in form
    fields = list(CharterVersionForm.base_fields)
    for english in ("title", "text", "organisation_pledge"):
        assert fields[fields.index(english) + 1] == f"{english}_cy"
        assert not CharterVersionForm.base_fields[f"{english}_cy"].required

    staff.post(
        reverse("charter:edit"),
        {"title": "Second words", "title_cy": "Ail eiriau", "text": "New text", "text_cy": "Testun newydd"},
    )
    current = selectors.charter_current()
    assert (current.number, current.title_cy, current.text_cy, current.organisation_pledge_cy) == (
        2,
        "Ail eiriau",
        "Testun newydd",
        "",
    )
    assert "Testun newydd" in get_in(client, "charter:sign", language="cy").text
    assert "New text" in get_in(client, "charter:sign", language="en-gb").text


def test_staff_may_publish_a_version_without_welsh(client, client_for, national_staff):
    response = client_for(national_staff).post(reverse("charter:edit"), {"title": "Words", "text": "Text"})
    assert response.status_code == 302
    assert (selectors.charter_current().title_cy, selectors.charter_current().text_cy) == ("", "")
    assert "Text" in get_in(client, "charter:sign", language="cy").text


def test_the_welsh_charter_page_asks_the_database_no_more_than_the_english_one(client):
    _welsh_version()

    counts = queries_by_language(client, "charter:sign")
    assert counts["cy"] == counts["en-gb"]


def test_publishing_from_the_admin_keeps_the_welsh(client_for, national_staff):
    national_staff.is_staff = national_staff.is_superuser = True
    national_staff.save(update_fields=["is_staff", "is_superuser"])
    staff = client_for(national_staff)
    assert "Title in Welsh" in staff.get(reverse("admin:groups_charterversion_add")).text
    response = staff.post(
        reverse("admin:groups_charterversion_add"),
        {
            "title": "Words",
            "title_cy": "Geiriau",
            "text": "Text",
            "text_cy": "Testun",
            "organisation_pledge": "",
        },
    )
    assert response.status_code == 302
    current = selectors.charter_current()
    assert (current.title_cy, current.text_cy, current.organisation_pledge_cy) == ("Geiriau", "Testun", "")
