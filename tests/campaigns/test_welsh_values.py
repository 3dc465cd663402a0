"""Action types in Welsh (issue 19): a type's name, guidance and the labels and choices of its
fields have Welsh values (filled in for the starting types by the data migration), shown on
Welsh pages and in Welsh emails; English pages keep the English, a type without Welsh shows its
English, and the Welsh costs no extra query."""

from __future__ import annotations

import datetime as dt
import importlib

import pytest
import time_machine
from django.apps import apps
from django.core.exceptions import ValidationError
from django.utils import translation

from campaigns import schema
from campaigns.models import ActionType
from campaigns.tasks import follow_up_sweep
from sanctuary.models import OutboundEmail
from tests.campaigns.factories import ActionFactory, action_type
from tests.helpers import get_in, queries_by_language
from tests.welsh import welsh  # noqa: F401 - fixture

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("welsh")]

ENGLISH_NAME = "Write to your MP or a candidate"
WELSH_NAME = "Ysgrifennu at eich AS neu ymgeisydd"


def test_the_campaign_page_in_welsh_names_action_types_in_welsh(client, campaign):
    ActionFactory(campaign=campaign, is_public=True)
    welsh_page = get_in(client, "campaigns:detail", campaign.slug, language="cy").text
    # In the figures by type and in the public feed.
    assert welsh_page.count(WELSH_NAME) >= 2
    assert ENGLISH_NAME not in welsh_page

    english_page = get_in(client, "campaigns:detail", campaign.slug, language="en-gb").text
    assert english_page.count(ENGLISH_NAME) >= 2
    assert WELSH_NAME not in english_page


def test_a_type_without_welsh_shows_its_english_on_welsh_pages(client, campaign):
    ActionType.objects.filter(slug="write-to-mp").update(name_cy="")
    ActionFactory(campaign=campaign, is_public=True)
    page = get_in(client, "campaigns:detail", campaign.slug, language="cy").text
    assert page.count(ENGLISH_NAME) >= 2


def test_logging_an_action_in_welsh_shows_welsh_guidance_labels_and_choices(client_for, user, campaign):
    client = client_for(user)
    page = get_in(client, "campaigns:act", campaign.slug, language="cy", query="?type=write-to-mp").text
    assert f"<h1>{WELSH_NAME}</h1>" in page
    assert "Ysgrifennwch yn eich geiriau eich hun" in page  # the guidance
    for label in (
        "Enw&#x27;r AS neu&#x27;r ymgeisydd",
        "Etholaeth",
        "Dyddiad anfon",
        "Sut y gwnaethoch ei anfon",
    ):
        assert label in page
    for choice in ('value="letter">Llythyr</option>', 'value="form">Ffurflen ar wefan</option>'):
        assert choice in page
    assert "How you sent it" not in page

    english = get_in(client, "campaigns:act", campaign.slug, language="en-gb", query="?type=write-to-mp").text
    assert f"<h1>{ENGLISH_NAME}</h1>" in english
    assert "How you sent it" in english
    assert "Llythyr" not in english


def test_the_guidance_page_in_welsh_gives_each_types_welsh_guidance(client):
    page = get_in(client, "campaigns:guidance", language="cy").text
    assert WELSH_NAME in page
    assert "Cyfarfod â&#x27;ch AS (cymhorthfa)" in page
    assert "Mae papurau lleol yn cyhoeddi llythyrau" in page


def test_recorded_details_read_in_the_pages_language_with_the_stored_values_unchanged():
    definitions = action_type("write-to-mp").detail_fields
    details = {"constituency": "Riverton North", "method": "letter"}
    with translation.override("cy"):
        assert schema.labelled(definitions, details) == [
            ("Etholaeth", "Riverton North"),
            ("Sut y gwnaethoch ei anfon", "Llythyr"),
        ]
    assert schema.labelled(definitions, details) == [
        ("Constituency", "Riverton North"),
        ("How you sent it", "Letter"),
    ]


def test_the_follow_up_to_a_welsh_speaker_names_the_type_in_welsh(django_capture_on_commit_callbacks):
    action = ActionFactory(done_on=dt.date(2026, 3, 2))
    action.user.preferred_language = "cy"
    action.user.save(update_fields=["preferred_language"])
    with (
        time_machine.travel(dt.datetime(2026, 3, 16, 9, tzinfo=dt.UTC), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        follow_up_sweep()
    email = OutboundEmail.objects.get(template="campaigns/emails/follow_up", to=action.user.email)
    assert WELSH_NAME in email.body_text
    assert ENGLISH_NAME not in email.body_text


def test_a_welsh_campaign_page_asks_the_database_no_more_than_the_english_one(client, campaign):
    ActionFactory(campaign=campaign, is_public=True)

    counts = queries_by_language(client, "campaigns:detail", campaign.slug)
    assert counts["cy"] == counts["en-gb"]


def test_a_welsh_choice_must_label_one_of_the_english_choices():
    field = {
        "name": "reply",
        "label": "Reply?",
        "kind": "choice",
        "choices": [["yes", "Yes"], ["no", "No"]],
        "choices_cy": [["yes", "Do"], ["maybe", "Efallai"]],
    }
    with pytest.raises(ValidationError) as refused:
        schema.validate_fields([field])
    assert refused.value.code == "bad_welsh_choice"
    schema.validate_fields([{**field, "choices_cy": [["yes", "Do"]]}])  # some may stay English


def test_the_data_migration_leaves_relabelled_fields_and_renamed_types_without_welsh():
    migration = importlib.import_module("campaigns.migrations.0005_actiontype_welsh")
    stunt = ActionType.objects.get(slug="visual-stunt")
    stunt.name, stunt.name_cy = "Photo stunt", ""
    stunt.detail_fields = [
        {"name": "description", "label": "What happened", "kind": "text"},
        {"name": "people", "label": "Roughly how many people took part", "kind": "number"},
    ]
    stunt.save()
    migration.fill_welsh(apps, None)
    stunt.refresh_from_db()
    assert stunt.name_cy == ""
    assert "label_cy" not in stunt.detail_fields[0]
    assert stunt.detail_fields[1]["label_cy"] == "Tua faint o bobl a gymerodd ran"
    assert stunt.guidance_cy.startswith("Gall llun trawiadol")
