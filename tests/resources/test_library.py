"""The public library: who sees what, filters, search, pages, files and query counts."""

from __future__ import annotations

import pytest
from django.urls import reverse

from resources.models import Resource
from tests.awards.factories import make_stream
from tests.factories import UserFactory, make_lead
from tests.helpers import page_queries, settle_session
from tests.resources.factories import TopicFactory, make_resource

pytestmark = pytest.mark.django_db

MEMBERS = Resource.Audience.MEMBERS


def _text(client, url, **params) -> str:
    response = client.get(url, params)
    assert response.status_code == 200
    return response.content.decode()


def test_members_only_resources_are_hidden_from_visitors_and_shown_to_members(
    client, client_for, national_staff
):
    make_resource(national_staff, title="Open guide")
    secret = make_resource(national_staff, title="Members guide", audience=MEMBERS, file=True)
    url = reverse("resources:library")
    anon = _text(client, url)
    assert "Open guide" in anon and "Members guide" not in anon
    assert client.get(reverse("resources:detail", args=[secret.pk])).status_code == 404
    assert client.get(reverse("resources:download", args=[secret.pk])).status_code == 404
    member = client_for(UserFactory())
    assert "Members guide" in _text(member, url)
    response = member.get(reverse("resources:download", args=[secret.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert (
        response["Content-Disposition"].startswith("attachment;")
        and "guide.pdf" in response["Content-Disposition"]
    )
    assert b"".join(response.streaming_content).startswith(b"%PDF-")


def test_archived_resources_leave_the_library_but_staff_still_see_them(client, client_for, national_staff):
    from resources import services

    resource = make_resource(national_staff, title="Old guide", file=True)
    services.resource_archive(resource=resource, actor=national_staff)
    assert "Old guide" not in _text(client, reverse("resources:library"))
    assert client.get(reverse("resources:detail", args=[resource.pk])).status_code == 404
    assert client_for(UserFactory()).get(reverse("resources:download", args=[resource.pk])).status_code == 404
    assert "Archived" in _text(client_for(national_staff), reverse("resources:detail", args=[resource.pk]))


def test_filters_by_stream_and_topic_and_searches_title_and_summary(client, national_staff):
    schools, libraries = make_stream(), make_stream()
    mental, speaking = TopicFactory(name="Mental health"), TopicFactory(name="Speaking up")
    make_resource(national_staff, title="Classroom kit", streams=[schools], topics=[mental])
    make_resource(national_staff, title="Library shelf", streams=[libraries], topics=[speaking])
    make_resource(
        national_staff, title="Letters", summary="Write to your MP about detention", topics=[speaking]
    )
    url = reverse("resources:library")
    by_stream = _text(client, url, stream=schools.slug)
    assert "Classroom kit" in by_stream and "Library shelf" not in by_stream and "Letters" not in by_stream
    by_topic = _text(client, url, topic=speaking.slug)
    assert "Library shelf" in by_topic and "Letters" in by_topic and "Classroom kit" not in by_topic
    searched = _text(client, url, q="detention")
    assert "Letters" in searched and "Library shelf" not in searched
    both = _text(client, url, stream=libraries.slug, topic=speaking.slug, q="shelf")
    assert "Library shelf" in both and "1 resource" in both
    # A filter nobody can make is ignored rather than an error.
    assert "Classroom kit" in _text(client, url, stream="no-such-stream")


def test_the_list_is_paginated_with_filters_kept(client, national_staff, monkeypatch):
    from resources import views

    monkeypatch.setattr(views, "PAGE_SIZE", 2)
    topic = TopicFactory()
    for name in ("Alpha", "Bravo", "Charlie"):
        make_resource(national_staff, title=f"{name} guide", topics=[topic])
    url = reverse("resources:library")
    first = _text(client, url, topic=topic.slug)
    second = _text(client, url, topic=topic.slug, page=2)
    assert "Alpha guide" in first and "Bravo guide" in first and "Charlie guide" not in first
    assert "Page 1 of 2" in first and f"topic={topic.slug}&amp;page=2" in first
    assert "Charlie guide" in second and "Alpha guide" not in second


@pytest.mark.parametrize("who", ["anon", "member", "staff"])
def test_list_pages_use_a_fixed_number_of_queries(client, client_for, national_staff, who):
    clients = {"anon": client, "member": client_for(UserFactory()), "staff": client_for(national_staff)}
    viewer = clients[who]
    settle_session(viewer)

    def grow():
        from django.utils import timezone

        from resources import services

        stream, topic = make_stream(), TopicFactory()
        for audience in (Resource.Audience.PUBLIC, MEMBERS):
            resource = make_resource(national_staff, streams=[stream], topics=[topic], audience=audience)
        # A broken link and a suggestion waiting, for the staff pages.
        Resource.objects.filter(pk=resource.pk).update(link_broken_since=timezone.now(), link_status=404)
        services.suggestion_make(user=make_lead(), title="Idea", summary="S", url="https://example.org/i")

    grow()
    urls = [reverse("resources:library")]
    if who == "staff":
        urls += [
            reverse("resources:staff_list"),
            reverse("resources:broken_links"),
            reverse("resources:suggestions"),
        ]
    small = [page_queries(viewer, url) for url in urls]
    for _ in range(5):
        grow()
    assert [page_queries(viewer, url) for url in urls] == small


def test_staff_list_flags_resources_past_their_review_date(client_for, national_staff):
    import datetime as dt

    from django.utils import timezone

    from resources import services

    old = make_resource(national_staff, title="Stale guide")
    services.resource_update(
        resource=old, actor=national_staff, data={"review_by": timezone.localdate() - dt.timedelta(days=1)}
    )
    make_resource(national_staff, title="Fresh guide")
    staff = client_for(national_staff)
    page = _text(staff, reverse("resources:staff_list"))
    row = page[page.index("Stale guide") :]
    assert "review due" in row[: row.index("</tr>")]
    due = _text(staff, reverse("resources:staff_list"), review="due")
    assert "Stale guide" in due and "Fresh guide" not in due


def test_sitemap_lists_public_resources_only(client, national_staff):
    public = make_resource(national_staff, title="Open")
    members = make_resource(national_staff, title="Closed", audience=MEMBERS)
    body = client.get(reverse("sitemap")).content.decode()
    assert reverse("resources:detail", args=[public.pk]) in body
    assert reverse("resources:detail", args=[members.pk]) not in body
    assert reverse("resources:library") in body
