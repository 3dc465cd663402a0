"""Open data in two languages (issue 19): the /data/ page reads in the reader's language, while
datapackage.json, which programs read, says the same English whatever the language."""

from __future__ import annotations

from html import escape

import pytest
from django.urls import reverse
from django.utils import translation

from tests.sanctuary.test_open_data import published  # noqa: F401 - fixture
from tests.welsh import welsh  # noqa: F401 - fixture

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("welsh", "published")]

# One title and one column description of each app's table, in both languages.
WORDS = {
    "Local City of Sanctuary groups": "Grwpiau lleol Dinas Noddfa",
    "The region code.": "Cod y rhanbarth.",
    "Sanctuary Award holders": "Deiliaid Gwobrau Noddfa",
    "The day the award was given.": "Y diwrnod y rhoddwyd y wobr.",
    "Local Authority Network: member councils": "Rhwydwaith Awdurdodau Lleol: cynghorau sy'n aelodau",
    "The council's official name.": "Enw swyddogol y cyngor.",
}


def test_the_data_page_describes_every_table_in_welsh(client):
    with translation.override("cy"):
        page = client.get(reverse("open_data")).text
    # The tables' own sections (the page's frame is the project catalogue's to translate).
    tables = page[page.index('<section aria-labelledby="dataset-') :]
    for english, welsh_words in WORDS.items():
        assert escape(welsh_words) in tables
        assert escape(english) not in tables


def test_the_data_package_stays_in_english_when_the_reader_reads_welsh(client):
    english = client.get(reverse("open_data_package"))
    with translation.override("cy"):
        welsh_response = client.get(reverse("open_data_package"))
    assert welsh_response.status_code == 200
    assert welsh_response.json() == english.json()
    assert welsh_response["ETag"] == english["ETag"]
    described = {resource["title"] for resource in english.json()["resources"]} | {
        field["description"]
        for resource in english.json()["resources"]
        for field in resource["schema"]["fields"]
    }
    assert set(WORDS) <= described
