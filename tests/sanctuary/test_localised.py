"""``sanctuary.i18n.localised``: the one place that picks the Welsh value of a staff-edited
field (``<field>_cy``) on Welsh pages, emails and PDFs, and the English otherwise."""

from __future__ import annotations

from types import SimpleNamespace

from django.template import engines
from django.utils import translation

from sanctuary.i18n import localised, localised_lazy

STREAM = SimpleNamespace(
    name="Schools", name_cy="Ysgolion", award_title="School of Sanctuary", award_title_cy=""
)


def test_welsh_when_welsh_is_active_and_written_else_english():
    with translation.override("cy"):
        assert localised(STREAM, "name") == "Ysgolion"
        assert localised(STREAM, "award_title") == "School of Sanctuary"  # no Welsh written
    with translation.override("en-gb"):
        assert localised(STREAM, "name") == "Schools"


def test_field_definitions_stored_as_dicts_read_the_same_way():
    field = {"label": "Constituency", "label_cy": "Etholaeth"}
    with translation.override("cy"):
        assert localised(field, "label") == "Etholaeth"
        assert localised(field, "help") == ""
    assert localised(field, "label") == "Constituency"


def test_the_lazy_value_is_chosen_when_shown_so_each_email_gets_its_readers_language():
    name = localised_lazy(STREAM, "name")
    with translation.override("cy"):
        assert str(name) == "Ysgolion"
    with translation.override("en-gb"):
        assert str(name) == "Schools"


def test_the_template_filter_escapes_and_follows_the_language():
    template = engines["django"].from_string('{% load languages %}{{ stream|localised:"name" }}')
    stream = SimpleNamespace(name="A & B", name_cy="<b>C</b>")
    with translation.override("cy"):
        assert template.render({"stream": stream}) == "&lt;b&gt;C&lt;/b&gt;"
    with translation.override("en-gb"):
        assert template.render({"stream": stream}) == "A &amp; B"
        assert template.render({"stream": None}) == ""
