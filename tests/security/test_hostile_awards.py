"""Markup in an award application reaches every reader as text (issue 8, SECURITY.md 11).

tests/awards/test_properties.py throws any text at the answer form and service; this follows
what an applicant types through the pages: their own task list, the group lead's endorsement,
the assessors' review and the staff view, plus links that are not web addresses and an
evidence file whose name is markup.
"""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from awards import services
from awards.models import Answer, Evidence
from tests.awards.factories import make_draft, make_panel
from tests.factories import GroupFactory, OrganisationContactFactory, OrganisationFactory, make_lead
from tests.security.hostile import MARKUP, assert_pages_escape, submit
from tests.security.world import PDF

pytestmark = pytest.mark.django_db

ACCOUNT = "We welcome families. " + " ".join(MARKUP)
COMMITMENTS = "Keep going. " + MARKUP[1]
FILE_NAME = '"><img src=x onerror=alert(1)>.pdf'


def test_markup_in_answers_and_file_names_is_text_on_every_page(client_for, national_staff):
    group = GroupFactory()
    lead = make_lead(group)
    contact = OrganisationContactFactory(organisation=OrganisationFactory(group=group))
    application = make_draft(contact=contact)
    applicant = client_for(contact.user)
    criteria = list(application.stream.criteria.filter(is_minimum=True))

    # A link that is not a web address is refused beside the field, with the answer kept.
    url = reverse("awards:answer", args=[application.pk, criteria[0].pk])
    submit(
        applicant,
        url,
        {"account": ACCOUNT, "links": "javascript:alert(1)", "complete": "on"},
        snapshot=lambda: list(Answer.objects.filter(application=application).values()),
    )
    assert not Answer.objects.filter(application=application).exists()

    for criterion in criteria:
        response = applicant.post(
            reverse("awards:answer", args=[application.pk, criterion.pk]),
            {
                "account": ACCOUNT,
                "links": "https://example.org/policy",
                "complete": "on",
                "evidence": SimpleUploadedFile(FILE_NAME, PDF, content_type="application/pdf"),
            },
        )
        assert response.status_code == 302
    response = applicant.post(
        reverse("awards:commitments", args=[application.pk]), {"commitments": COMMITMENTS}
    )
    assert response.status_code == 302
    # The file keeps a name made safe for a download header and a page: no markup left in it.
    stored = Evidence.objects.filter(answer__application=application).first().original_name
    assert stored.endswith(".pdf") and not set(stored) & set("<>\"' ")
    assert_pages_escape(applicant, [reverse("awards:application", args=[application.pk])], [COMMITMENTS])
    assert_pages_escape(
        applicant, [reverse("awards:check", args=[application.pk])], [ACCOUNT, stored, COMMITMENTS]
    )

    application = services.application_submit(application=application, user=contact.user)
    assert_pages_escape(applicant, [reverse("awards:application", args=[application.pk])], [ACCOUNT])
    members = make_panel(application, national_staff)
    services.review_start(application=application, actor=national_staff)
    assert_pages_escape(
        client_for(members[0].assessor),
        [reverse("awards:review", args=[members[0].pk])],
        [ACCOUNT, stored, COMMITMENTS],
    )
    assert_pages_escape(
        client_for(national_staff), [reverse("awards:staff_application", args=[application.pk])], [ACCOUNT]
    )
    assert_pages_escape(
        client_for(lead), [reverse("awards:endorsement", args=[application.endorsement.pk])], [ACCOUNT]
    )
