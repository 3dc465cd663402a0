"""Every page renders for the person it is for, and list pages keep a fixed query count."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from la_network import selectors, services
from la_network.models import Application, CouncilContact, Membership, WorkingGroupMember
from sanctuary.models import AuditEvent
from tests.factories import make_lead
from tests.helpers import page_queries
from tests.la_network.factories import CouncilContactFactory, complete_application, make_membership

pytestmark = pytest.mark.django_db


def active_member() -> Membership:
    return make_membership(starts_on=timezone.localdate() - dt.timedelta(days=10))


def test_applicant_pages_render(client_for):
    application = complete_application()
    client = client_for(application.created_by)
    assert client.get(reverse("la_network:apply")).status_code == 200
    for section in services.SECTION_FIELDS:
        response = client.get(reverse("la_network:application_section", args=[application.pk, section]))
        assert response.status_code == 200, section
    unknown = reverse("la_network:application_section", args=[application.pk, "nope"])
    assert client.get(unknown).status_code == 404


def test_lead_pages_render(client_for):
    application = complete_application(endorsed=False)
    lead = make_lead(application.endorsements.get().group)
    client = client_for(lead)
    assert client.get(reverse("la_network:endorsements")).status_code == 200
    page = client.get(reverse("la_network:endorsement", args=[application.endorsements.get().pk]))
    assert page.status_code == 200 and b"We run a welcome forum together." in page.content


def test_member_sees_certificate_logo_and_when_the_renewal_opens_on_the_apply_page(client_for):
    membership = active_member()
    client = client_for(membership.application.created_by)
    page = client.get(reverse("la_network:apply")).content.decode()
    assert reverse("la_network:certificate", args=[membership.pk]) in page
    assert reverse("la_network:logo", args=[membership.pk]) in page
    # Not in its last six months yet: no renewal offered, only when it opens.
    assert reverse("la_network:membership_renew", args=[membership.pk]) not in page
    assert "Renewal opens on" in page
    with time_machine.travel(membership.ends_on - dt.timedelta(days=30), tick=False):
        page = client.get(reverse("la_network:apply")).content.decode()
    assert reverse("la_network:membership_renew", args=[membership.pk]) in page


def test_staff_add_people_to_the_working_group_with_their_place(client_for, national_staff):
    client = client_for(national_staff)
    response = client.post(
        reverse("la_network:working_group"),
        {"name": "Amina Y", "place": "lived_experience", "joined_on": "2026-01-05"},
    )
    assert response.status_code == 302
    person = WorkingGroupMember.objects.get()
    assert person.get_place_display() == "Lived experience of seeking sanctuary"
    assert AuditEvent.objects.filter(action="la_network.working_group_joined").exists()
    client.post(reverse("la_network:working_group_leave", args=[person.pk]))
    person.refresh_from_db()
    assert person.left_on is not None
    assert b"Amina Y" not in client.get(reverse("la_network:working_group")).content


def test_member_councils_see_the_working_group_but_cannot_change_it(client_for):
    membership = active_member()
    client = client_for(membership.application.created_by)
    assert client.get(reverse("la_network:working_group")).status_code == 200
    response = client.post(reverse("la_network:working_group"), {"name": "X", "place": "trustee"})
    assert response.status_code == 404
    assert not WorkingGroupMember.objects.exists()


def test_staff_verification_of_a_contact_is_audited(national_staff):
    contact = CouncilContactFactory(verified=False)
    services.council_contact_verify(contact=contact, actor=national_staff)
    assert CouncilContact.objects.get(pk=contact.pk).verified
    assert AuditEvent.objects.filter(action="la_network.contact_verified").count() == 1


def test_documents_are_served_only_to_those_who_can_see_the_application(client_for, national_staff):
    from django.core.files.base import ContentFile

    application = complete_application()
    application.motion_document.save("m.pdf", ContentFile(b"%PDF-1.4 test\n%%EOF"), save=True)
    url = reverse("la_network:application_document", args=[application.pk, "motion"])
    assert client_for(application.created_by).get(url).status_code == 200
    assert client_for(national_staff).get(url).status_code == 200
    assert client_for(CouncilContactFactory().user).get(url).status_code == 404


STAFF_PAGES = ["la_network:review_list", "la_network:network", "la_network:staff_dashboard"]


def test_staff_list_pages_query_count_does_not_grow(client_for, national_staff):
    def grow(n):
        for _ in range(n):
            active_member()
            complete_application(endorsed=False)

    client = client_for(national_staff)
    grow(1)
    client.get(reverse("la_network:review_list"))  # warm the session and MFA checks
    small = {name: page_queries(client, reverse(name)) for name in STAFF_PAGES}
    grow(5)
    assert {name: page_queries(client, reverse(name)) for name in STAFF_PAGES} == small


def test_applicant_and_lead_list_pages_query_count_does_not_grow(client_for):
    contact = CouncilContactFactory()
    lead = None

    def grow(n):
        nonlocal lead
        for _ in range(n):
            application = complete_application(contact=contact, endorsed=False)
            group = application.endorsements.get().group
            if lead is None:
                lead = make_lead(group)
            else:
                group.memberships.create(user=lead, role="lead")

    grow(1)
    applicant, lead_client = client_for(contact.user), client_for(lead)
    applicant.get(reverse("la_network:apply"))
    lead_client.get(reverse("la_network:endorsements"))
    small = (
        page_queries(applicant, reverse("la_network:apply")),
        page_queries(lead_client, reverse("la_network:endorsements")),
    )
    grow(5)
    assert (
        page_queries(applicant, reverse("la_network:apply")),
        page_queries(lead_client, reverse("la_network:endorsements")),
    ) == small


def test_staff_dashboard_shows_waiting_times(client_for, national_staff):
    application = complete_application()
    services.application_submit(application=application, actor=application.created_by)
    Application.objects.filter(pk=application.pk).update(submitted_at=timezone.now() - dt.timedelta(days=9))
    page = client_for(national_staff).get(reverse("la_network:staff_dashboard"))
    assert page.status_code == 200
    assert page.context["waiting"]["average"].days == 9
    assert b"9 days" in page.content


def test_motion_document_upload_is_stored_under_a_random_name(client_for):
    from django.core.files.uploadedfile import SimpleUploadedFile

    contact = CouncilContactFactory()
    application = Application.objects.create(local_authority=contact.local_authority, created_by=contact.user)
    upload = SimpleUploadedFile("our motion.pdf", b"%PDF-1.4\nhello\n%%EOF", content_type="application/pdf")
    response = client_for(contact.user).post(
        reverse("la_network:application_section", args=[application.pk, "motion"]),
        {
            "motion_passed_on": "2025-05-01",
            "motion_title": "Welcome",
            "motion_minutes_url": "",
            "motion_document": upload,
        },
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.motion_document.name.startswith("la_network/")
    assert "our motion" not in application.motion_document.name
    assert "motion" not in selectors.application_problems(application)


def test_a_fake_pdf_upload_is_refused_next_to_the_field(client_for):
    from django.core.files.uploadedfile import SimpleUploadedFile

    contact = CouncilContactFactory()
    application = Application.objects.create(local_authority=contact.local_authority, created_by=contact.user)
    upload = SimpleUploadedFile("motion.pdf", b"MZ not a pdf", content_type="application/pdf")
    response = client_for(contact.user).post(
        reverse("la_network:application_section", args=[application.pk, "motion"]),
        {"motion_passed_on": "2025-05-01", "motion_title": "Welcome", "motion_document": upload},
    )
    assert response.status_code == 200
    assert "motion_document" in response.context["form"].errors
    application.refresh_from_db()
    assert not application.motion_document


def test_certificate_is_rendered_once_and_served_as_issued(client_for):
    membership = active_member()
    client = client_for(membership.application.created_by)
    url = reverse("la_network:certificate", args=[membership.pk])
    first = client.get(url).content
    membership.refresh_from_db()
    assert first.startswith(b"%PDF") and membership.certificate
    assert client.get(url).content == first
    assert AuditEvent.objects.filter(action="la_network.certificate_generated").count() == 1
