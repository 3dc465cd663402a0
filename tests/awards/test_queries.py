"""Listing, dashboard and hook query counts do not grow with the data."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from awards.contributions import group_award_holders, group_figures, home_figures
from sanctuary.models import User
from sanctuary.permissions import relationship_roles
from tests.awards.factories import make_award, make_panel, make_stream, make_submitted
from tests.factories import GroupFactory, OrganisationContactFactory, OrganisationFactory
from tests.helpers import settle_session

pytestmark = pytest.mark.django_db


def _measure(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(ctx.captured_queries)


def _cold_and_warm(client, url) -> tuple[int, int]:
    """Queries with every cached figure forgotten, then with them in the cache."""
    settle_session(client)
    cache.clear()
    return _measure(client, url), _measure(client, url)


def _grow(national_staff, stream, group, contact_org):
    """Add one more of everything each page lists."""
    make_award(
        national_staff,
        stream=stream,
        contact=OrganisationContactFactory(organisation=OrganisationFactory(group=group)),
    )
    application = make_submitted(stream=stream, contact=OrganisationContactFactory(organisation=contact_org))
    make_panel(application, national_staff)
    from awards import services

    services.application_withdraw(application=application, user=application.applicant)


@pytest.mark.parametrize(
    "url_name,who",
    [
        ("awards:index", "anon"),
        ("awards:stream", "anon"),
        ("awards:application_list", "applicant"),
        ("awards:staff_overview", "staff"),
        ("awards:staff_applications", "staff"),
        ("awards:review_list", "assessor"),
    ],
)
def test_list_pages_use_a_fixed_number_of_queries(
    client, client_for, national_staff, url_name, who, django_assert_num_queries
):
    stream = make_stream()
    group = GroupFactory()
    contact = OrganisationContactFactory()
    _grow(national_staff, stream, group, contact.organisation)
    from awards.models import PanelMember

    assessor = PanelMember.objects.first().assessor
    clients = {
        "anon": client,
        "applicant": client_for(contact.user),
        "staff": client_for(national_staff),
        "assessor": client_for(assessor),
    }
    url = reverse(url_name, args=[stream.slug]) if url_name == "awards:stream" else reverse(url_name)
    small = _cold_and_warm(clients[who], url)
    for _ in range(3):
        _grow(national_staff, stream, group, contact.organisation)
    assert _cold_and_warm(clients[who], url) == small


def test_hooks_use_a_fixed_number_of_queries(national_staff, django_assert_num_queries):
    stream = make_stream()
    group = GroupFactory()
    contact = OrganisationContactFactory()
    _grow(national_staff, stream, group, contact.organisation)

    def run() -> int:
        user = User.objects.get(pk=contact.user_id)  # a new request's user
        with CaptureQueriesContext(connection) as ctx:
            group_award_holders(group)
            group_figures(group)
            home_figures()
            relationship_roles(user)
        return len(ctx.captured_queries)

    counts = []
    for _ in range(2):
        cache.clear()
        counts.append((run(), run()))
        for _ in range(2):
            _grow(national_staff, stream, group, contact.organisation)
    assert counts[0] == counts[1]
    # Warm: only the header's one query; the holders and counts come from the cache.
    assert counts[0][1] == 1


def test_hooks_report_holders_and_roles(national_staff):
    group = GroupFactory()
    award = make_award(
        national_staff, contact=OrganisationContactFactory(organisation=OrganisationFactory(group=group))
    )
    panel = group_award_holders(group)
    assert [a.number for a in panel.context["holders"]] == [award.number]
    assert group_figures(group)[0][1] == 1
    assert home_figures()[0][1] == 1
    assert ("Award applicant", "awards:application_list") in [
        (str(label), n) for label, n in relationship_roles(award.application.applicant)
    ]
    assessor = award.application.panel.first().assessor
    assert [n for _, n in relationship_roles(assessor)] == ["awards:review_list"]


@pytest.mark.parametrize("who", ["staff", "applicant", "assessor", "lead"])
def test_dashboard_panels_use_a_fixed_number_of_queries(rf, national_staff, who):
    # Only this app's providers: other apps' panels are pinned by their own tests.
    from awards.contributions import applicant_panel, endorsement_panel, reviewer_panel, staff_panel
    from awards.models import PanelMember
    from tests.factories import make_lead

    stream = make_stream()
    group = GroupFactory()
    contact = OrganisationContactFactory()
    _grow(national_staff, stream, group, contact.organisation)
    people = {
        "staff": national_staff,
        "applicant": contact.user,
        "assessor": PanelMember.objects.first().assessor,
        "lead": make_lead(group),
    }
    request = rf.get("/dashboard/")
    request.user = people[who]

    def run() -> int:
        # What the user object remembers lasts one request: forget it, as a new request would.
        request.user.__dict__.pop("staff_roles", None)
        request.user.__dict__.pop("award_ties", None)
        with CaptureQueriesContext(connection) as ctx:
            for provider in (applicant_panel, reviewer_panel, endorsement_panel, staff_panel):
                provider(request)
        return len(ctx.captured_queries)

    cache.clear()
    small = (run(), run())
    for _ in range(2):
        _grow(national_staff, stream, group, contact.organisation)
    cache.clear()
    assert (run(), run()) == small


def test_dashboard_panels_show_what_each_person_has_waiting(client_for, national_staff):
    from tests.factories import make_lead

    group = GroupFactory()
    application = make_submitted(organisation__group=group, organisation__name="Meadow Library")
    lead = make_lead(group)
    seats = make_panel(application, national_staff)
    outsider = OrganisationContactFactory().user  # a contact with no applications yet

    def dashboard(user) -> str:
        return client_for(user).get(reverse("dashboard")).content.decode()

    assert "My award applications" in dashboard(application.applicant)
    assert "Award applications waiting for your group" in dashboard(lead)
    assert "My reviews" in dashboard(seats[0].assessor)
    assert "Sanctuary Awards" in dashboard(national_staff)
    page = dashboard(outsider)
    assert "My award applications" not in page and "My reviews" not in page
    assert "Award applicant" in page  # the header still says they act for an organisation

    from awards import services

    services.application_withdraw(application=application, user=application.applicant)
    assert "Award applications waiting for your group" not in dashboard(lead)
    assert "My reviews" not in dashboard(seats[0].assessor)
    assert "Assessor panels" in dashboard(seats[0].assessor)
