"""Staff curate the library; nobody else can, and every change is audited."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from resources.models import Resource
from sanctuary.models import AuditEvent
from tests.awards.factories import make_stream
from tests.factories import UserFactory, make_lead
from tests.resources.factories import PDF, TopicFactory, make_resource

pytestmark = pytest.mark.django_db


def _form(**overrides) -> dict:
    return {
        "title": "Welcome toolkit",
        "summary": "Our summary of the toolkit.",
        "url": "",
        "audience": "public",
        "review_by": "2027-06-30",
        **overrides,
    }


@pytest.mark.parametrize("who", ["anon", "member", "lead"])
def test_only_national_staff_reach_the_curation_pages(client, client_for, national_staff, who):
    resource = make_resource(national_staff, title="A welcome pack")
    viewer = {"anon": client, "member": client_for(UserFactory()), "lead": client_for(make_lead())}[who]
    for name, args in [
        ("resources:staff_list", []),
        ("resources:staff_create", []),
        ("resources:staff_edit", [resource.pk]),
        ("resources:staff_archive", [resource.pk]),
    ]:
        response = viewer.post(reverse(name, args=args), _form(confirmed="yes"))
        assert response.status_code in (302, 404)
        if response.status_code == 302:
            assert response["Location"].startswith(reverse("account_login"))
    resource.refresh_from_db()
    assert resource.status == Resource.Status.PUBLISHED and resource.title == "A welcome pack"
    assert Resource.objects.count() == 1


def test_staff_add_a_file_resource_with_streams_and_topics(client_for, national_staff):
    stream, topic = make_stream(), TopicFactory()
    staff = client_for(national_staff)
    response = staff.post(
        reverse("resources:staff_create"),
        _form(streams=[stream.pk], topics=[topic.pk], upload=SimpleUploadedFile("Toolkit.pdf", PDF)),
    )
    resource = Resource.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "resources:detail", args=[resource.pk]
    )
    assert resource.file and resource.original_name == "Toolkit.pdf" and resource.url == ""
    assert list(resource.streams.all()) == [stream] and list(resource.topics.all()) == [topic]
    assert AuditEvent.objects.filter(action="resources.resource_created", object_id=str(resource.pk)).exists()


@pytest.mark.parametrize(
    "extra,field",
    [
        ({}, "upload"),  # neither
        ({"url": "https://example.org/x", "upload": "file"}, "url"),  # both
    ],
)
def test_a_resource_needs_exactly_one_of_a_file_or_a_link(client_for, national_staff, extra, field):
    if extra.get("upload") == "file":
        extra = {**extra, "upload": SimpleUploadedFile("a.pdf", PDF)}
    response = client_for(national_staff).post(reverse("resources:staff_create"), _form(**extra))
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert 'value="Welcome toolkit"' in response.content.decode()  # what was typed is kept
    assert not Resource.objects.exists()


def test_audience_must_be_chosen(client_for, national_staff):
    response = client_for(national_staff).post(
        reverse("resources:staff_create"), _form(audience="", url="https://example.org/a")
    )
    assert "audience" in response.context["form"].errors and not Resource.objects.exists()


def test_a_file_that_is_not_what_it_says_is_refused(client_for, national_staff):
    response = client_for(national_staff).post(
        reverse("resources:staff_create"),
        _form(upload=SimpleUploadedFile("a.pdf", b"<html>not a pdf</html>")),
    )
    assert "upload" in response.context["form"].errors and not Resource.objects.exists()


def test_editing_a_file_resource_into_a_link_drops_the_file(client_for, national_staff):
    resource = make_resource(national_staff, file=True)
    response = client_for(national_staff).post(
        reverse("resources:staff_edit", args=[resource.pk]), _form(url="https://example.org/new")
    )
    assert response.status_code == 302
    resource.refresh_from_db()
    assert (
        resource.url == "https://example.org/new"
        and not resource.file
        and resource.title == "Welcome toolkit"
    )
    assert AuditEvent.objects.filter(action="resources.resource_updated", object_id=str(resource.pk)).exists()


def test_archive_asks_first_then_archives_and_restore_brings_it_back(client_for, national_staff):
    resource = make_resource(national_staff)
    staff = client_for(national_staff)
    url = reverse("resources:staff_archive", args=[resource.pk])
    asked = staff.post(url)
    assert asked.status_code == 200 and "confirm.html" in [t.name for t in asked.templates]
    resource.refresh_from_db()
    assert resource.status == Resource.Status.PUBLISHED
    assert staff.post(url, {"confirmed": "yes"}).status_code == 302
    resource.refresh_from_db()
    assert resource.status == Resource.Status.ARCHIVED
    staff.post(reverse("resources:staff_restore", args=[resource.pk]))
    resource.refresh_from_db()
    assert resource.status == Resource.Status.PUBLISHED
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"resources.resource_archived", "resources.resource_restored"} <= actions


def test_only_an_archived_resource_can_be_deleted_and_only_after_confirming(client_for, national_staff):
    from resources import services

    resource = make_resource(national_staff, file=True)
    staff = client_for(national_staff)
    url = reverse("resources:staff_delete", args=[resource.pk])
    assert staff.post(url, {"confirmed": "yes"}).status_code == 409
    assert Resource.objects.filter(pk=resource.pk).exists()
    services.resource_archive(resource=resource, actor=national_staff)
    assert staff.post(url).status_code == 200  # the question
    assert Resource.objects.filter(pk=resource.pk).exists()
    assert staff.post(url, {"confirmed": "yes"}).status_code == 302
    assert not Resource.objects.filter(pk=resource.pk).exists()
    assert AuditEvent.objects.filter(action="resources.resource_deleted").exists()


def test_a_form_sent_twice_adds_one_resource(client_for, national_staff):
    staff = client_for(national_staff)
    for _ in range(2):
        response = staff.post(reverse("resources:staff_create"), _form(url="https://example.org/twice"))
        assert response.status_code == 302
    assert Resource.objects.count() == 1
    # Another resource with the same title but another link is a resource of its own.
    staff.post(reverse("resources:staff_create"), _form(url="https://example.org/other"))
    assert Resource.objects.count() == 2


def test_the_add_form_starts_with_a_review_date_a_year_ahead(client_for, national_staff):
    import datetime as dt

    from django.utils import timezone

    form = client_for(national_staff).get(reverse("resources:staff_create")).context["form"]
    assert form["review_by"].value() == timezone.localdate() + dt.timedelta(days=365)
