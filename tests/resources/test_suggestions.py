"""A group lead suggests a resource; staff approve it (perhaps edited) or decline it with a reason."""

from __future__ import annotations

import threading

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.urls import reverse

from resources import services
from resources.models import Resource, Suggestion
from sanctuary.errors import Refused
from sanctuary.models import OutboundEmail
from tests.awards.factories import make_stream
from tests.factories import UserFactory, make_lead
from tests.resources.factories import PDF

pytestmark = pytest.mark.django_db


def _suggest(client, **fields):
    return client.post(
        reverse("resources:suggest"),
        {"title": "Café guide", "summary": "How we run our café.", "url": "", **fields},
    )


def test_only_group_leads_can_suggest(client_for):
    member = client_for(UserFactory())
    assert member.get(reverse("resources:suggest")).status_code == 404
    assert _suggest(member, url="https://example.org/cafe").status_code == 404
    assert not Suggestion.objects.exists()


def test_a_lead_suggests_a_link_and_it_waits_in_the_staff_queue(client_for, national_staff):
    lead = make_lead()
    response = _suggest(client_for(lead), url="https://example.org/cafe")
    assert response.status_code == 302
    suggestion = Suggestion.objects.get()
    assert suggestion.suggested_by == lead and suggestion.status == Suggestion.Status.PENDING
    queue = client_for(national_staff).get(reverse("resources:suggestions")).content.decode()
    assert "Café guide" in queue


def test_a_suggestion_sent_twice_is_kept_once(client_for):
    lead = client_for(make_lead())
    for _ in range(2):
        assert _suggest(lead, url="https://example.org/cafe").status_code == 302
    assert Suggestion.objects.count() == 1


def test_a_suggestion_needs_a_file_or_a_link(client_for):
    response = _suggest(client_for(make_lead()))
    assert response.status_code == 200 and "upload" in response.context["form"].errors
    assert not Suggestion.objects.exists()


def test_staff_approve_an_edited_suggestion_and_the_lead_is_emailed(client_for, national_staff):
    lead = make_lead()
    _suggest(client_for(lead), upload=SimpleUploadedFile("cafe.pdf", PDF))
    suggestion = Suggestion.objects.get()
    stream = make_stream()
    staff = client_for(national_staff)
    page = staff.get(reverse("resources:suggestion", args=[suggestion.pk])).content.decode()
    assert 'value="Café guide"' in page  # the form starts from the suggestion
    suggested_file = staff.get(reverse("resources:suggestion_file", args=[suggestion.pk]))
    assert suggested_file["Content-Disposition"].startswith("attachment;") and "cafe.pdf" in page
    assert client_for(lead).get(reverse("resources:suggestion_file", args=[suggestion.pk])).status_code == 404
    response = staff.post(
        reverse("resources:suggestion", args=[suggestion.pk]),
        {
            "title": "Running a drop-in café",
            "summary": "Our words.",
            "url": "",
            "audience": "members",
            "review_by": "2027-01-31",
            "streams": [stream.pk],
        },
    )
    resource = Resource.objects.get()
    assert response.status_code == 302
    assert (
        resource.title == "Running a drop-in café" and resource.file and resource.original_name == "cafe.pdf"
    )
    assert resource.file.name != suggestion.file.name  # the library keeps its own copy
    suggestion.refresh_from_db()
    assert suggestion.status == Suggestion.Status.APPROVED and suggestion.resource == resource
    email = OutboundEmail.objects.get(to=lead.email)
    assert "Running a drop-in café" in email.subject
    assert reverse("resources:detail", args=[resource.pk]) in email.body_text
    # Deciding twice is refused, and nothing more is published.
    again = staff.post(
        reverse("resources:suggestion", args=[suggestion.pk]),
        {"title": "x", "summary": "y", "url": "", "audience": "public", "review_by": "2027-01-31"},
    )
    assert again.status_code == 409 and Resource.objects.count() == 1


def test_staff_decline_with_a_reason_and_the_lead_is_told_why(client_for, national_staff):
    lead = make_lead()
    suggestion = services.suggestion_make(
        user=lead, title="Old leaflet", summary="S", url="https://example.org/l"
    )
    staff = client_for(national_staff)
    url = reverse("resources:suggestion_decline", args=[suggestion.pk])
    no_reason = staff.post(url, {"reason": "  "})
    assert no_reason.status_code == 400 and "reason" in no_reason.context["decline_form"].errors
    assert staff.post(url, {"reason": "It is out of date."}).status_code == 302
    suggestion.refresh_from_db()
    assert suggestion.status == Suggestion.Status.DECLINED and not Resource.objects.exists()
    email = OutboundEmail.objects.get(to=lead.email)
    assert "It is out of date." in email.body_text and "Old leaflet" in email.subject


def test_suggestions_are_in_my_data_and_erased_with_the_account(django_capture_on_commit_callbacks):
    from resources.rights import personal_data
    from sanctuary import services as core
    from sanctuary.rights import as_json
    from sanctuary.uploads import clean_upload

    person = UserFactory()  # once a lead; the service does not ask again
    services.suggestion_make(
        user=person,
        title="Toolkit",
        summary="Ours",
        upload=clean_upload(SimpleUploadedFile("toolkit.pdf", PDF)),
    )
    rows = as_json(personal_data(person))["records"]["Resources you suggested"]
    assert (
        rows[0]["Title"] == "Toolkit"
        and rows[0]["File"] == "toolkit.pdf"
        and rows[0]["What you wrote"] == "Ours"
    )
    stored = Suggestion.objects.get().file
    storage, name = stored.storage, stored.name
    assert storage.exists(name)
    with django_capture_on_commit_callbacks(execute=True):
        core.account_delete(user=person)
    assert not Suggestion.objects.exists()
    assert not storage.exists(name)


def test_a_lead_with_a_full_queue_waits_for_staff_before_suggesting_more(
    client_for, national_staff, settings
):
    settings.RESOURCES_SUGGESTIONS_PENDING_MAX = 3
    lead = make_lead()
    client = client_for(lead)
    for n in range(3):
        assert _suggest(client, title=f"Guide {n}", url=f"https://example.org/{n}").status_code == 302

    response = _suggest(client, title="One more guide", url="https://example.org/more")

    assert response.status_code == 200
    assert "You already have 3 suggestions waiting for national staff" in response.text
    # What the lead typed is kept, and nothing was saved.
    assert response.context["form"]["title"].value() == "One more guide"
    assert Suggestion.objects.filter(suggested_by=lead).count() == 3
    # Once staff have decided one, there is room again.
    services.suggestion_decline(
        suggestion=Suggestion.objects.first(), actor=national_staff, reason="Out of date."
    )
    assert _suggest(client, title="One more guide", url="https://example.org/more").status_code == 302
    assert Suggestion.objects.filter(suggested_by=lead, status=Suggestion.Status.PENDING).count() == 3


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_suggestions_sent_at_once_cannot_both_take_the_last_place(settings):
    settings.RESOURCES_SUGGESTIONS_PENDING_MAX = 1
    lead = make_lead()
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def suggest(n):
        try:
            barrier.wait()
            services.suggestion_make(
                user=lead, title=f"Guide {n}", summary="A guide.", url="https://example.org/"
            )
            outcomes.append("kept")
        except Refused:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=suggest, args=(n,)) for n in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)
    assert sorted(outcomes) == ["kept", "refused"]
    assert Suggestion.objects.filter(suggested_by=lead).count() == 1
