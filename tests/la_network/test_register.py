import csv
import datetime as dt
import io

import pytest
import time_machine
from django.urls import reverse
from pypdf import PdfReader

from la_network.contributions import council_applicant, group_council_members, member_councils
from la_network.models import Membership
from sanctuary import hooks
from sanctuary.geography import Nation, Region
from tests.factories import GroupFactory, LocalAuthorityFactory, UserFactory
from tests.la_network.factories import CouncilContactFactory, make_membership

pytestmark = pytest.mark.django_db

TODAY = dt.date(2027, 6, 1)
at_today = time_machine.travel(dt.datetime(2027, 6, 1, 12, tzinfo=dt.UTC), tick=False)


def member(code: str, starts_on: dt.date, **kwargs) -> Membership:
    council = LocalAuthorityFactory(code=code, short_name=f"Council {code}", **kwargs)
    return make_membership(starts_on=starts_on, contact=CouncilContactFactory(local_authority=council))


@pytest.fixture
def mixed_members():
    """Two current members, one whose term ran out (sweep not run yet), one lapsed, one not started."""
    current = member("CUR", dt.date(2025, 1, 1))
    welsh = member("WAL", dt.date(2026, 1, 1), nation=Nation.WALES, region=Region.WALES)
    member("OLD", dt.date(2024, 5, 1))  # ended 2027-04-30, still 'active' because no sweep ran
    lapsed = member("LAP", dt.date(2023, 1, 1))
    Membership.objects.filter(pk=lapsed.pk).update(status=Membership.Status.LAPSED)
    return current, welsh


@at_today
def test_open_data_csv_contains_exactly_the_current_members(client, mixed_members):
    response = client.get(reverse("la_network:members_csv"))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [r["code"] for r in rows] == ["CUR", "WAL"]
    assert list(rows[0]) == ["code", "name", "official_name", "gss_code", "nation", "region", "member_from",
                             "member_until", "strategy_title", "strategy_url"]
    assert rows[0]["member_from"] == "2025-01-01" and rows[0]["member_until"] == "2027-12-31"


@at_today
def test_open_data_json_contains_exactly_the_current_members(client, mixed_members):
    body = client.get(reverse("la_network:members_json")).json()
    assert body["schema"] == "la-network-members/1"
    assert [m["code"] for m in body["members"]] == ["CUR", "WAL"] and body["count"] == 2
    assert body["members"][1]["nation"] == "wales"


@at_today
def test_register_lists_current_members_and_filters_by_nation(client, mixed_members):
    page = client.get(reverse("la_network:register"))
    assert [m.local_authority.code for m in page.context["page_obj"]] == ["CUR", "WAL"]
    assert b"Council OLD" not in page.content and b"Council LAP" not in page.content
    assert b"<svg" in page.content and b"<caption>" in page.content
    wales = client.get(reverse("la_network:register"), {"nation": "wales"})
    assert [m.local_authority.code for m in wales.context["page_obj"]] == ["WAL"]


@at_today
def test_register_query_count_is_the_same_at_two_sizes(client, django_assert_num_queries):
    member("A01", dt.date(2026, 1, 1))
    with django_assert_num_queries(4):
        client.get(reverse("la_network:register"))
    for n in range(2, 12):
        member(f"A{n:02d}", dt.date(2026, 1, 1))
    with django_assert_num_queries(4):
        response = client.get(reverse("la_network:register"))
    assert len(response.context["page_obj"]) == 11


@at_today
def test_logo_and_certificate_only_while_membership_is_active(client_for, mixed_members):
    current, _welsh = mixed_members
    contact = current.local_authority.contacts.get()
    client = client_for(contact.user)
    logo = client.get(reverse("la_network:logo", args=[current.pk]))
    assert logo.status_code == 200 and logo["Content-Type"] == "image/svg+xml"
    pdf = client.get(reverse("la_network:certificate", args=[current.pk]))
    assert pdf.status_code == 200
    text = PdfReader(io.BytesIO(pdf.content)).pages[0].extract_text()
    assert "Council CUR" in text
    expired = Membership.objects.get(local_authority__code="OLD")
    old_client = client_for(expired.local_authority.contacts.get().user)
    assert old_client.get(reverse("la_network:logo", args=[expired.pk])).status_code == 404
    assert old_client.get(reverse("la_network:certificate", args=[expired.pk])).status_code == 404
    # Another council's contact cannot download this council's logo.
    assert old_client.get(reverse("la_network:logo", args=[current.pk])).status_code == 404


@at_today
def test_peer_network_is_for_member_councils_and_staff_only(client_for, mixed_members, national_staff):
    current, _welsh = mixed_members
    member_client = client_for(current.local_authority.contacts.get().user)
    page = member_client.get(reverse("la_network:network"))
    assert page.status_code == 200 and b"officer@example.org" in page.content
    assert member_client.get(reverse("la_network:working_group")).status_code == 200
    assert client_for(national_staff).get(reverse("la_network:network")).status_code == 200
    lapsed_contact = Membership.objects.get(local_authority__code="OLD").local_authority.contacts.get().user
    assert client_for(lapsed_contact).get(reverse("la_network:network")).status_code == 404
    assert client_for(UserFactory()).get(reverse("la_network:network")).status_code == 404


@at_today
def test_staff_dashboard_shows_states_due_renewals_and_lapsed(client_for, national_staff, mixed_members):
    due = member("DUE", dt.date(2024, 9, 1))  # ends 2027-08-31
    Membership.objects.filter(local_authority__code="LAP").update(lapsed_on=dt.date(2027, 1, 1))
    page = client_for(national_staff).get(reverse("la_network:staff_dashboard"))
    assert page.status_code == 200
    assert [m.pk for m in page.context["due"]] == [due.pk]
    assert [m.local_authority.code for m in page.context["lapsed"]] == ["LAP"]
    assert client_for(UserFactory()).get(reverse("la_network:staff_dashboard")).status_code == 404


@at_today
def test_hooks_show_council_membership_on_group_pages_and_home(mixed_members, django_assert_num_queries):
    current, _welsh = mixed_members
    group = GroupFactory()
    group.local_authorities.add(current.local_authority)
    with django_assert_num_queries(1):
        panel = group_council_members(group)
    assert [m.pk for m in panel.context["memberships"]] == [current.pk]
    assert group_council_members(GroupFactory()) is None
    assert member_councils()[0][1] == 2
    assert council_applicant(current.local_authority.contacts.get().user)[0][1] == "la_network:apply"
    assert council_applicant(UserFactory()) == []
    assert group_council_members in hooks.providers("group_sections")


def test_dashboard_panel_shows_my_councils_application(client_for):
    from tests.la_network.factories import complete_application

    application = complete_application()
    page = client_for(application.created_by).get(reverse("dashboard"))
    assert reverse("la_network:application", args=[application.pk]).encode() in page.content


@at_today
def test_open_data_csv_defuses_spreadsheet_formulas(client):
    membership = member("FOR", dt.date(2026, 1, 1))
    type(membership.application).objects.filter(pk=membership.application_id).update(
        strategy_title="=HYPERLINK(\"http://evil\")"
    )
    rows = list(csv.DictReader(io.StringIO(client.get(reverse("la_network:members_csv")).content.decode())))
    assert rows[0]["strategy_title"].startswith("'=")
    body = client.get(reverse("la_network:members_json")).json()
    assert body["members"][0]["strategy_title"].startswith("=")
