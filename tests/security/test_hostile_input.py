"""Hostile input: whatever people type into the main public forms, the platform answers with a
page (never a crash), keeps one record per person, and never echoes markup unescaped."""

from __future__ import annotations

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from groups.models import CharterSignature, CharterVersion

pytestmark = pytest.mark.django_db

# Long and odd unicode, control characters and markup, as people (and attackers) type them.
hostile_text = st.one_of(
    st.text(min_size=0, max_size=400),
    st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=60),
    st.sampled_from(
        [
            "<script>alert(1)</script>",
            '"><img src=x onerror=alert(1)>',
            "' OR 1=1 --",
            "\x00\x07\x1b[31m",
            '=HYPERLINK("http://x")',
            "\u202eevil\u202c",
            "".join(map(chr, range(0x1D538, 0x1D56B))) * 10,  # look-alike letters
            "a" * 10_000,
        ]
    ),
)
HYPOTHESIS = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@HYPOTHESIS
@given(name=hostile_text, place=hostile_text)
def test_charter_form_answers_every_input_and_escapes_it(client, name, place):
    CharterVersion.objects.get_or_create(number=1, defaults={"title": "Charter", "text": "Welcome."})
    response = client.post(
        reverse("charter:sign"),
        {
            "name": name,
            "email": "hostile@example.org",
            "place": place,
            "agree": "on",
        },
    )
    expected = (400,) if "\x00" in name + place else (200, 302)
    assert response.status_code in expected
    body = response.content.decode()
    assert "<script>alert(1)</script>" not in body
    assert "onerror=alert(1)>" not in body
    assert CharterSignature.objects.filter(email="hostile@example.org").count() <= 1


@HYPOTHESIS
@given(text=hostile_text)
def test_group_search_answers_every_query(client, text):
    response = client.get(reverse("groups:directory"), {"q": text})
    assert response.status_code == (400 if "\x00" in text else 200)
    assert "<script>alert(1)</script>" not in response.content.decode()


def test_signing_twice_quickly_keeps_one_signature(client):
    """A double click sends the same form twice: one signature, one confirmation email."""
    CharterVersion.objects.create(number=1, title="Charter", text="Welcome.")
    data = {"name": "Ada", "email": "twice@example.org", "place": "Riverton", "agree": "on"}
    client.post(reverse("charter:sign"), data)
    client.post(reverse("charter:sign"), data)
    assert CharterSignature.objects.filter(email="twice@example.org").count() == 1


@HYPOTHESIS
@given(
    number=st.one_of(st.integers(), st.just(10**30), st.just(-1)),
    when=st.sampled_from(["1066-10-14", "9999-12-31", "2026-02-30", "yesterday", ""]),
)
def test_campaign_action_dates_and_numbers_outside_reason_are_refused_cleanly(number, when):
    from django import forms

    from campaigns.schema import form_field

    fields = {
        "people": form_field({"name": "people", "label": "People", "kind": "number"}),
        "sent_on": form_field({"name": "sent_on", "label": "Date sent", "kind": "date", "required": True}),
    }
    form = type("F", (forms.Form,), fields)(data={"people": str(number), "sent_on": when})
    valid = form.is_valid()  # never raises
    if when in ("9999-12-31", "2026-02-30", "yesterday", ""):
        assert not valid and "sent_on" in form.errors


@pytest.mark.parametrize("url", ["/groups/?q=%00", "/charter/?group=x%00", "/campaigns/?type=%00"])
def test_a_nul_character_in_any_parameter_is_a_bad_request_not_a_server_error(client, url):
    assert client.get(url).status_code == 400


def test_a_nul_character_in_a_posted_form_is_a_bad_request(client):
    response = client.post(reverse("charter:sign"), {"name": "A\x00", "email": "a@example.org"})
    assert response.status_code == 400
