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


def test_demo_uses_the_groups_seeders_organisations_when_present(django_capture_on_commit_callbacks):
    from tests.factories import GroupFactory, OrganisationFactory

    ctx = core_demo.DemoContext()
    core_demo.seed(ctx)
    ctx.objects.update(
        group_riverton=GroupFactory(),
        group_northfield=GroupFactory(),
        org_school=OrganisationFactory(name="Seeded School"),
        org_library=OrganisationFactory(name="Seeded Library", org_type="library"),
    )
    with django_capture_on_commit_callbacks(execute=True):
        demo.seed(ctx)
    assert Award.objects.get().organisation == ctx.objects["org_library"]
    draft = Application.objects.get(status=Application.Status.DRAFT)
    assert draft.organisation == ctx.objects["org_school"] and draft.applicant == ctx.users["applicant1"]
