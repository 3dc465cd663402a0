from __future__ import annotations

import csv
import datetime as dt
import io
import time
from urllib.parse import urlencode

import pytest
from allauth.account.internal.flows.login import (
    _AUTHENTICATION_METHODS_USER_SESSION_KEY,
    AUTHENTICATION_METHODS_SESSION_KEY,
)
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from campaigns import selectors, services
from sanctuary.models import AccessLog
from tests.campaigns.factories import ActionFactory, CampaignFactory, action_type
from tests.factories import GroupFactory, UserFactory, make_lead
from tests.helpers import settle_session

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def make_actions(campaign, count: int, *, group=None, start: int = 0):
    """A spread of types, regions, weeks, outcomes and visibility, logged through the services
    (as people do), so every cached figure is forgotten as it would be in production."""
    types = [action_type("write-to-mp"), action_type("conversation"), action_type("local-press-letter")]
    regions = ["north_west", "london", "scotland", "wales"]
    details = {
        "write-to-mp": {"recipient": "A. Member", "constituency": "Riverton North", "sent_on": "2026-01-05"},
        "conversation": {"with_whom": "friend"},
        "local-press-letter": {"publication": "Riverton Echo", "sent_on": "2026-01-05"},
    }
    made = []
    for index in range(start, start + count):
        kind = types[index % 3]
        author = make_lead(group) if group is not None else UserFactory()
        action = services.action_log(
            campaign=campaign,
            action_type=kind,
            user=author,
            details=details[kind.slug],
            region=regions[index % 4],
            done_on=TODAY - dt.timedelta(days=7 * (index % 5)),
            is_public=index % 2 == 0,
            group=group,
        )
        if kind.expects_outcome and index % 2 == 0:
            services.action_outcome_record(action=action, outcome={kind.rate_field: "yes"}, actor=action.user)
        made.append(action)
    return made


def reauthenticated(client, user):
    session = client.session
    session[_AUTHENTICATION_METHODS_USER_SESSION_KEY] = str(user.pk)
    session[AUTHENTICATION_METHODS_SESSION_KEY] = [
        {"method": "password", "at": time.time(), "reauthenticated": True}
    ]
    session.save()
    return client


def test_totals_and_breakdowns_match_the_data(campaign):
    make_actions(campaign, 12)
    figures = selectors.figures(campaign.actions.all())
    assert figures.total == 12
    assert dict(figures.by_type) == {
        "Write to your MP or a candidate": 4,
        "Conversation with a friend or family member": 4,
        "Letter to the local press": 4,
    }
    assert dict(figures.by_region) == {"North West": 3, "London": 3, "Scotland": 3, "Wales": 3}
    assert dict(figures.by_nation) == {"England": 6, "Scotland": 3, "Wales": 3}
    assert sum(n for _, n in figures.over_time) == 12
    assert figures.period == "week"
    rates = {rate.label: rate for rate in figures.rates}
    letters = rates["Write to your MP or a candidate"]
    # MP letters are indexes 0, 3, 6, 9: outcomes on the even ones (0 and 6).
    assert (letters.total, letters.outcomes, letters.positive, letters.share) == (4, 2, 2, 50)
    assert "Conversation with a friend or family member" not in rates  # expects no response
    assert figures.with_outcome == 4
    assert figures.public == 6
    by_place = {
        (r.label, r.breakdown): r for r in selectors.outcome_rates_by_breakdown(campaign.actions.all())
    }
    assert by_place[("Write to your MP or a candidate", "Riverton North")].positive == 2


def test_campaign_page_shows_totals_against_the_goal_and_charts_with_tables(client, campaign):
    make_actions(campaign, 10)
    page = client.get(reverse("campaigns:detail", args=[campaign.slug]))
    assert page.context["reached"] == 10
    assert page.context["goal_percent"] == 10
    assert sorted(n for _label, n in page.context["figures"].by_type) == [3, 3, 4]
    content = page.content.decode()
    assert content.count("<svg") == 4
    assert content.count("<caption>") >= 4
    assert "<title>Write to your MP or a candidate: 4</title>" in content


def test_long_campaigns_chart_by_month(campaign):
    ActionFactory(campaign=campaign, done_on=TODAY - dt.timedelta(days=300))
    ActionFactory(campaign=campaign, done_on=TODAY)
    figures = selectors.figures(campaign.actions.all())
    assert figures.period == "month"
    assert sum(n for _, n in figures.over_time) == 2


def queries(get) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert get().status_code == 200
    return len(captured)


def assert_fixed_queries(get, grow, *, cached: bool) -> None:
    """The page runs as many queries after ``grow()`` adds many more actions as before: on the
    first view after a change (figures computed) and on the next one (figures cached).

    With ``cached`` the second view must also run fewer queries than the first, which shows
    the growth went through the services and made the page forget what it had cached.
    """
    small = (queries(get), queries(get))
    grow()
    large = (queries(get), queries(get))
    assert large == small
    if cached:
        assert small[1] < small[0]


def test_campaign_page_query_count_does_not_grow(client, campaign):
    make_actions(campaign, 3)
    url = reverse("campaigns:detail", args=[campaign.slug])
    assert_fixed_queries(lambda: client.get(url), lambda: make_actions(campaign, 30, start=3), cached=True)


def test_a_later_page_of_the_public_feed_query_count_does_not_grow(client, campaign):
    make_actions(campaign, 50)
    url = reverse("campaigns:detail", args=[campaign.slug]) + "?page=2"
    assert_fixed_queries(lambda: client.get(url), lambda: make_actions(campaign, 40, start=50), cached=True)


def test_campaign_index_query_count_does_not_grow(client):
    make_actions(CampaignFactory(), 2)
    url = reverse("campaigns:index")
    assert_fixed_queries(
        lambda: client.get(url), lambda: [make_actions(CampaignFactory(), 3) for _ in range(5)], cached=True
    )


@pytest.mark.parametrize("filtered", ["nothing", "campaign and region", "type and dates", "group"])
def test_dashboard_query_count_does_not_grow(client_for, national_staff, campaign, filtered):
    client = client_for(national_staff)
    settle_session(client)
    group = GroupFactory()
    make_actions(campaign, 3)
    make_actions(campaign, 2, group=group)
    query = {
        "nothing": {},
        "campaign and region": {"campaign": campaign.pk, "region": "london"},
        "type and dates": {
            "action_type": action_type("write-to-mp").pk,
            "date_from": TODAY - dt.timedelta(days=20),
        },
        "group": {"group": group.pk},
    }[filtered]
    url = reverse("campaigns:dashboard") + "?" + urlencode(query)
    assert_fixed_queries(
        lambda: client.get(url),
        lambda: (make_actions(campaign, 30, start=3), make_actions(campaign, 10, group=group, start=2)),
        cached=True,
    )


def test_my_actions_query_count_does_not_grow(client_for, user, campaign):
    client = client_for(user)
    settle_session(client)
    ActionFactory(user=user, campaign=campaign)
    url = reverse("campaigns:mine")
    assert_fixed_queries(
        lambda: client.get(url),
        lambda: [ActionFactory(user=user, campaign=campaign, group=GroupFactory()) for _ in range(15)],
        cached=False,
    )


def test_group_figures_query_count_does_not_grow(client_for, campaign):
    group = GroupFactory()
    lead = make_lead(group)
    client = client_for(lead)
    settle_session(client)
    make_actions(campaign, 2, group=group)
    url = reverse("campaigns:group_figures", args=[group.slug])
    assert_fixed_queries(
        lambda: client.get(url), lambda: make_actions(campaign, 20, group=group, start=2), cached=True
    )


def test_dashboard_filters_by_type_region_group_and_date(client_for, national_staff, campaign):
    group = GroupFactory()
    make_actions(campaign, 8)
    make_actions(campaign, 4, group=group)
    client = client_for(national_staff)
    dashboard = reverse("campaigns:dashboard")
    assert client.get(dashboard).context["figures"].total == 12
    assert client.get(dashboard + f"?group={group.pk}").context["figures"].total == 4
    assert client.get(dashboard + "?region=london").context["figures"].total == 3
    mp = action_type("write-to-mp")
    assert client.get(dashboard + f"?action_type={mp.pk}").context["figures"].total == 5
    recent = (TODAY - dt.timedelta(days=1)).isoformat()
    assert client.get(dashboard + f"?date_from={recent}").context["figures"].total == 3
    bad = client.get(dashboard + f"?date_from={TODAY}&date_to={TODAY - dt.timedelta(days=3)}")
    assert "date_to" in bad.context["form"].errors


def test_dashboard_is_for_national_staff_only(client_for, user):
    assert client_for(user).get(reverse("campaigns:dashboard")).status_code == 404
    assert client_for(user).get(reverse("campaigns:export")).status_code == 404


def test_csv_export_needs_recent_sign_in_streams_and_is_logged(client_for, national_staff, campaign):
    make_actions(campaign, 5)
    client = client_for(national_staff)
    url = reverse("campaigns:export") + f"?campaign={campaign.pk}"
    first = client.get(url)
    assert first.status_code == 302
    assert "reauthenticate" in first["Location"]
    response = reauthenticated(client, national_staff).get(url)
    assert response.status_code == 200
    assert response.streaming
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0][0] == "id"
    assert len(rows) == 6
    # No supporter names or emails leave in the export.
    assert not any(a.user.email in ",".join(r) for r in rows for a in campaign.actions.all())
    assert AccessLog.objects.filter(kind="export", user=national_staff).count() == 1


def test_csv_export_neutralises_formulas(client_for, national_staff, campaign):
    ActionFactory(campaign=campaign, place="=HYPERLINK(1)")
    client = reauthenticated(client_for(national_staff), national_staff)
    body = b"".join(client.get(reverse("campaigns:export")).streaming_content).decode()
    assert "'=HYPERLINK(1)" in body


def test_group_lead_sees_their_groups_figures_and_no_other(client_for, campaign):
    group, other = GroupFactory(), GroupFactory()
    lead = make_lead(group)
    make_actions(campaign, 3, group=group)
    make_actions(campaign, 5, group=other)
    client = client_for(lead)
    page = client.get(reverse("campaigns:group_figures", args=[group.slug]))
    assert page.status_code == 200
    assert page.context["figures"].total == 3
    assert client.get(reverse("campaigns:group_figures", args=[other.slug])).status_code == 404
    assert (
        client_for(UserFactory()).get(reverse("campaigns:group_figures", args=[group.slug])).status_code
        == 404
    )


def test_public_campaign_page_shows_outcome_rates_without_personal_details(client, campaign):
    make_actions(campaign, 6)
    page = client.get(reverse("campaigns:detail", args=[campaign.slug]))
    assert any(rate.label == "Write to your MP or a candidate" for rate in page.context["rates"])
    assert b"Riverton North" not in page.content


def test_open_campaigns_are_listed_before_closed_ones(client):
    CampaignFactory(title="Old one", status="closed")
    CampaignFactory(title="Current one", status="open")
    CampaignFactory(title="Secret draft", status="draft")
    titles = [c.title for c in client.get(reverse("campaigns:index")).context["page_obj"]]
    assert titles == ["Current one", "Old one"]


def test_reply_rates_by_constituency_count_by_its_code_whatever_name_was_typed(campaign):
    from geography.models import Constituency

    Constituency.objects.create(code="E14001234", name="Riverton and Dale", nation="england")
    letter = action_type("write-to-mp")
    spellings = ["Riverton & Dale", "riverton and dale", "Riverton and Dale"]
    for index, spelling in enumerate(spellings):
        action = services.action_log(
            campaign=campaign,
            action_type=letter,
            user=UserFactory(),
            details={"recipient": "A. Member", "constituency": spelling, "sent_on": "2026-01-05"},
            region="north_west",
            done_on=TODAY,
            constituency_code="E14001234",
        )
        if index == 0:
            services.action_outcome_record(
                action=action, outcome={letter.rate_field: "yes"}, actor=action.user
            )
    # Without a code (no postcode given), the name the person typed is all there is.
    services.action_log(
        campaign=campaign,
        action_type=letter,
        user=UserFactory(),
        details={"recipient": "A. Member", "constituency": "Northfield", "sent_on": "2026-01-05"},
        region="north_west",
        done_on=TODAY,
    )
    rates = selectors.outcome_rates_by_breakdown(campaign.actions.all())
    assert [(r.breakdown, r.code, r.total, r.positive) for r in rates] == [
        ("Riverton and Dale", "E14001234", 3, 1),
        ("Northfield", "", 1, 0),
    ]
