"""Hostile input to the resource library: the search and the suggestion form answer every input
with a page (never a crash) and show typed markup as text."""

from __future__ import annotations

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from resources.models import Suggestion
from tests.factories import make_lead
from tests.security.test_hostile_input import HYPOTHESIS, hostile_text

pytestmark = pytest.mark.django_db

MARKUP = "<script>alert(1)</script>"


@HYPOTHESIS
@given(q=hostile_text, stream=hostile_text, topic=hostile_text, page=st.one_of(hostile_text, st.integers()))
def test_the_library_search_answers_every_input(client, q, stream, topic, page):
    response = client.get(
        reverse("resources:library"), {"q": q, "stream": stream, "topic": topic, "page": page}
    )
    assert response.status_code == (400 if "\x00" in f"{q}{stream}{topic}{page}" else 200)
    assert MARKUP not in response.content.decode()


@HYPOTHESIS
@given(title=hostile_text, summary=hostile_text, url=hostile_text)
def test_the_suggestion_form_answers_every_input_and_escapes_it(client_for, title, summary, url):
    lead = make_lead()
    response = client_for(lead).post(
        reverse("resources:suggest"), {"title": title, "summary": summary, "url": url}
    )
    assert response.status_code in ((400,) if "\x00" in title + summary + url else (200, 302))
    if response.status_code == 200:
        assert MARKUP not in response.content.decode()
    assert Suggestion.objects.filter(suggested_by=lead).count() <= 1
