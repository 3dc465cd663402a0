"""Award pages in Welsh (issue 19): "Change" links say in one Welsh phrase what they change."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from tests.awards.factories import complete_minimum, make_draft
from tests.welsh import welsh  # noqa: F401 - fixture

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("welsh")]


def test_check_your_answers_in_welsh_links_each_answer_with_a_whole_phrase(client_for):
    application = make_draft()
    complete_minimum(application)
    with translation.override("cy"):
        page = client_for(application.applicant).get(reverse("awards:check", args=[application.pk])).text
    for criterion in application.stream.criteria.all():
        assert f'Newid<span class="visually-hidden"> eich ateb i "{criterion.title}"</span>' in page
    assert 'Newid<span class="visually-hidden"> eich ymrwymiadau</span>' in page
