"""Awards pages served from the cache never show what has since changed."""

from __future__ import annotations

import pytest
from django.urls import reverse

from awards import services
from awards.contributions import group_figures, home_figures
from tests.awards.factories import StreamFactory, make_award, make_stream
from tests.factories import GroupFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


def _text(client, url, **params) -> str:
    response = client.get(url, params)
    assert response.status_code == 200
    return response.content.decode()


def _main(page: str) -> str:
    return page[page.index("<main") : page.index("</main>")]


def test_a_new_award_shows_at_once_on_a_listing_and_figures_read_before(client, national_staff):
    stream = make_stream()
    group = GroupFactory()
    url = reverse("awards:stream", args=[stream.slug])
    assert "No current award holders match." in _text(client, url)
    assert home_figures()[0][1] == 0 and group_figures(group)[0][1] == 0

    award = make_award(
        national_staff, stream=stream, organisation__name="Brightwater Library", organisation__group=group
    )

    page = _text(client, url)
    assert "Brightwater Library" in page and award.number in page
    assert home_figures()[0][1] == 1 and group_figures(group)[0][1] == 1


def test_listing_pages_and_filters_by_region(client, national_staff, monkeypatch):
    from awards import views

    stream = make_stream()
    for name, region in [("Alder School", "london"), ("Birch School", "wales"), ("Cedar School", "london")]:
        make_award(national_staff, stream=stream, organisation__name=name, organisation__region=region)
    url = reverse("awards:stream", args=[stream.slug])
    monkeypatch.setattr(views, "PAGE_SIZE", 2)
    first = _text(client, url)
    second = _text(client, url, page=2)
    beyond = _text(client, url, page=99)
    nonsense = _text(client, url, page="x")
    london = _text(client, url, region="london")
    assert "Alder School" in first and "Birch School" in first and "Cedar School" not in first
    assert "Page 1 of 2" in first
    assert "Cedar School" in second and "Alder School" not in second
    # A page past the end shows the last one and nonsense the first, as Paginator.get_page does.
    assert _main(beyond) == _main(second)
    assert _main(nonsense) == _main(first)
    assert "Alder School" in london and "Cedar School" in london and "Birch School" not in london
    assert 'value="london" selected' in london


def test_staff_changes_to_a_stream_in_the_admin_show_at_once(client, client_for):
    stream = StreamFactory(summary="For schools that welcome.")
    index, detail = reverse("awards:index"), reverse("awards:stream", args=[stream.slug])
    assert "For schools that welcome." in _text(client, index)
    assert "For schools that welcome." in _text(client, detail)

    admin = client_for(UserFactory(is_staff=True, is_superuser=True))
    response = admin.post(
        reverse("admin:awards_stream_change", args=[stream.pk]),
        {
            "name": stream.name,
            "award_title": "School of Welcome",
            "slug": stream.slug,
            "summary": "For schools where every family belongs.",
            "how_to_apply": "",
            "window": "open",
            "cohort": "",
            "is_published": "on",
            "order": "0",
            "criteria-TOTAL_FORMS": "0",
            "criteria-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.content[:2000]

    for url in (index, detail):
        assert "For schools where every family belongs." in _text(client, url)
    assert "hold the School of Welcome award" in _text(client, detail)


def test_unpublished_and_unknown_streams_answer_404(client):
    hidden = StreamFactory(is_published=False)
    assert client.get(reverse("awards:stream", args=[hidden.slug])).status_code == 404
    assert client.get(reverse("awards:stream", args=["no-such-stream"])).status_code == 404


def test_group_page_lists_its_award_holders(client, national_staff):
    group = GroupFactory()
    make_award(national_staff, organisation=OrganisationFactory(group=group, name="Riverside Theatre"))
    page = _text(client, reverse("groups:detail", args=[group.slug]))
    assert "Riverside Theatre" in page


def _row(page: str, organisation: str) -> str:
    """The table row naming ``organisation``, with its cells' text."""
    start = page.index(organisation)
    return page[page.rindex("<tr>", 0, start) : page.index("</tr>", start)]


def test_staff_queue_and_review_list_follow_every_step_of_a_review(client_for, national_staff):
    from awards.models import PanelMember
    from tests.awards.factories import make_assessor, make_submitted, review_all

    staff = client_for(national_staff)
    queue = reverse("awards:staff_applications")
    application = make_submitted(organisation__name="Hillside Academy")
    name = application.organisation.name
    assert "Submitted" in _row(_text(staff, queue), name)

    assessors = [make_assessor(lived_experience=True), make_assessor(), make_assessor()]
    reviewer = client_for(assessors[0])
    reviews = reverse("awards:review_list")
    assert "You are not on any panels." in _text(reviewer, reviews)

    members = [
        services.panel_member_add(application=application, assessor=a, actor=national_staff)
        for a in assessors
    ]
    assert "<td>3</td><td>0</td>" in _row(_text(staff, queue), name)
    assert "To do" in _row(_text(reviewer, reviews), name)

    extra = services.panel_member_add(application=application, assessor=make_assessor(), actor=national_staff)
    assert "<td>4</td>" in _row(_text(staff, queue), name)
    services.conflict_declare(member=extra, has_conflict=True)
    assert "<td>3</td>" in _row(_text(staff, queue), name)

    for member in members:
        services.conflict_declare(member=member, has_conflict=False)
    services.review_start(application=application, actor=national_staff)
    assert "In review" in _row(_text(staff, queue), name)
    assert "In review" in _row(_text(reviewer, reviews), name)

    review_all(application, PanelMember.objects.filter(pk__in=[m.pk for m in members]))
    assert "<td>3</td><td>3</td>" in _row(_text(staff, queue), name)
    assert "Submitted" in _row(_text(reviewer, reviews), name)

    services.application_decide(
        application=application, awarded=False, feedback="Not yet.", actor=national_staff
    )
    assert "Not awarded" in _row(_text(staff, queue), name)
    assert "Not awarded" in _row(_text(reviewer, reviews), name)


def test_the_staff_panel_counts_follow_submissions(rf, national_staff):
    from awards.contributions import staff_panel
    from tests.awards.factories import make_submitted

    request = rf.get("/dashboard/")
    request.user = national_staff
    assert staff_panel(request).context["counts"]["submitted"] == 0
    make_submitted()
    assert staff_panel(request).context["counts"]["submitted"] == 1


def test_staff_overview_follows_new_applications(client_for, national_staff):
    from tests.awards.factories import make_submitted

    staff = client_for(national_staff)
    url = reverse("awards:staff_overview")
    stream = make_stream(name="Libraries of Welcome")
    assert "Libraries of Welcome" not in _text(staff, url)
    make_submitted(stream=stream)
    page = _text(staff, url)
    assert '<th scope="row">Libraries of Welcome</th><td>0</td><td>1</td>' in page
