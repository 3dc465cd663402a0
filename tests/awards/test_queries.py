"""Listing, dashboard and hook query counts do not grow with the data."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from awards.contributions import group_award_holders, group_figures, home_figures
from sanctuary.permissions import relationship_roles
from tests.awards.factories import make_award, make_panel, make_stream, make_submitted
from tests.factories import GroupFactory, OrganisationContactFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


def _count(client, url) -> int:
    # The first request of a staff session records when it started: count a later one.
    client.get(url)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(ctx.captured_queries)


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
    first = _count(clients[who], url)
    for _ in range(3):
        _grow(national_staff, stream, group, contact.organisation)
    with django_assert_num_queries(first):
        assert clients[who].get(url).status_code == 200


def test_hooks_use_a_fixed_number_of_queries(national_staff, django_assert_num_queries):
    stream = make_stream()
    group = GroupFactory()
    contact = OrganisationContactFactory()
    _grow(national_staff, stream, group, contact.organisation)
    counts = []
    for _ in range(2):
        with CaptureQueriesContext(connection) as ctx:
            group_award_holders(group)
            group_figures(group)
            home_figures()
            contact.user.__dict__.pop("_relationship_roles", None)
            relationship_roles(contact.user)
        counts.append(len(ctx.captured_queries))
        for _ in range(2):
            _grow(national_staff, stream, group, contact.organisation)
    assert counts[0] == counts[1]


def test_hooks_report_holders_and_roles(national_staff):
    group = GroupFactory()
    award = make_award(
        national_staff, contact=OrganisationContactFactory(organisation=OrganisationFactory(group=group))
    )
    panel = group_award_holders(group)
    assert [a.pk for a in panel.context["holders"]] == [award.pk]
    assert group_figures(group)[0][1] == 1
    assert home_figures()[0][1] == 1
    assert ("Award applicant", "awards:application_list") in [
        (str(label), n) for label, n in relationship_roles(award.application.applicant)
    ]
    assessor = award.application.panel.first().assessor
    assert [n for _, n in relationship_roles(assessor)] == ["awards:review_list"]


@pytest.mark.parametrize("who", ["staff", "applicant", "assessor", "lead"])
def test_dashboard_panels_use_a_fixed_number_of_queries(rf, national_staff, who, django_assert_num_queries):
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

    def run():
        request.user.__dict__.pop("staff_roles", None)  # read fresh each time, as on a new request
        for provider in (applicant_panel, reviewer_panel, endorsement_panel, staff_panel):
            provider(request)

    with CaptureQueriesContext(connection) as ctx:
        run()
    for _ in range(2):
        _grow(national_staff, stream, group, contact.organisation)
    with django_assert_num_queries(len(ctx.captured_queries)):
        run()
