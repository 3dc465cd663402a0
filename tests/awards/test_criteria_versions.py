"""Changing a stream's criteria never changes an application already submitted."""

from __future__ import annotations

import pytest
from django.urls import reverse

from awards.models import Criterion
from tests.awards.factories import CriterionFactory, make_draft, make_panel, make_submitted

pytestmark = pytest.mark.django_db


def test_criteria_change_after_submission_does_not_alter_the_application(client_for, national_staff):
    application = make_submitted()
    criterion = application.stream.criteria.get(title="Staff learn")
    criterion.title = "Every member of staff completes a full day of training"
    criterion.description = "New, stricter wording."
    criterion.save(update_fields=["title", "description"])
    CriterionFactory(stream=application.stream, title="A brand new requirement")

    body = client_for(application.applicant).get(reverse("awards:application", args=[application.pk])).content
    body = body.decode()
    assert "Staff learn" in body
    assert "stricter" not in body and "brand new requirement" not in body

    members = make_panel(application, national_staff)
    review_page = client_for(members[0].assessor).get(reverse("awards:review", args=[members[0].pk]))
    assert "Staff learn" in review_page.content.decode()


def test_a_draft_follows_the_current_criteria(client_for):
    application = make_draft()
    CriterionFactory(stream=application.stream, title="A brand new requirement")
    body = client_for(application.applicant).get(reverse("awards:application", args=[application.pk])).content
    assert "A brand new requirement" in body.decode()


def test_retired_criteria_no_longer_block_a_draft(client_for):
    application = make_draft()
    Criterion.objects.filter(stream=application.stream).update(is_active=False)
    body = client_for(application.applicant).get(reverse("awards:check", args=[application.pk])).content
    assert "Submit application" in body.decode()
