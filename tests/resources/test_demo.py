"""The demo seed fills the library with a few resources and a suggestion waiting for staff."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.urls import reverse

from resources.models import Resource, Suggestion, Topic

pytestmark = pytest.mark.django_db


def test_seed_demo_adds_resources_once_and_the_stream_pages_show_them(settings, client):
    settings.DEBUG = True
    call_command("seed_demo", verbosity=0)
    counts = (Resource.objects.count(), Topic.objects.count(), Suggestion.objects.count())
    call_command("seed_demo", verbosity=0)
    assert (Resource.objects.count(), Topic.objects.count(), Suggestion.objects.count()) == counts
    assert counts[0] >= 5 and counts[2] == 1
    assert Resource.objects.filter(audience=Resource.Audience.MEMBERS).exists()
    page = client.get(reverse("awards:stream", args=["schools"])).content.decode()
    assert "Starting a welcome conversation in class" in page
