"""Local Authority Network pages in Welsh (issue 19): the review says when it was sent, in one phrase."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.urls import reverse
from django.utils import translation

from la_network import services
from tests.la_network.factories import complete_application
from tests.welsh import welsh  # noqa: F401 - fixture

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("welsh")]


def test_the_review_page_says_when_the_application_was_sent_in_welsh(client_for, national_staff):
    application = complete_application()
    with time_machine.travel(dt.datetime(2026, 3, 4, 10, tzinfo=dt.UTC), tick=False):
        services.application_submit(application=application, actor=application.created_by)
    client = client_for(national_staff)
    with translation.override("cy"):
        welsh_page = client.get(reverse("la_network:review", args=[application.pk])).text
    assert "· anfonwyd 4 Mawrth 2026" in welsh_page
    assert "· sent 4 March 2026" in client.get(reverse("la_network:review", args=[application.pk])).text
