"""The demo seeder runs twice without duplicating anything."""

from __future__ import annotations

import pytest

from awards import demo
from awards.models import Application, Award, Stream
from sanctuary import demo as core_demo

pytestmark = pytest.mark.django_db


def test_demo_seed_is_idempotent(django_capture_on_commit_callbacks):
    for _ in range(2):
        ctx = core_demo.DemoContext()
        core_demo.seed(ctx)
        with django_capture_on_commit_callbacks(execute=True):
            demo.seed(ctx)
    assert Stream.objects.count() == 11
    assert Award.objects.count() == 1
    assert Award.objects.get().certificate
    assert Application.objects.filter(status=Application.Status.DRAFT).count() == 1
    assert Application.objects.filter(status=Application.Status.IN_REVIEW).count() == 1
