import csv
import datetime as dt
import io
import re

import pytest
import time_machine
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from la_network import services
from la_network.contributions import council_applicant, group_council_members, member_councils
from la_network.models import Membership
from sanctuary import hooks
from sanctuary.geography import Nation, Region
from sanctuary.permissions import relationship_roles
from tests.factories import GroupFactory, LocalAuthorityFactory, UserFactory
from tests.helpers import page_queries, response_text
from tests.la_network.factories import (
    CouncilContactFactory,
    complete_application,
    make_membership,
    verify_all,
)

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
    rows = list(csv.DictReader(io.StringIO(response_text(response))))
    assert [r["code"] for r in rows] == ["CUR", "WAL"]
    assert list(rows[0]) == [
        "code",
        "name",
        "official_name",
        "gss_code",
        "nation",
        "region",
        "member_from",
        "member_until",
        "strategy_title",
        "strategy_url",
    ]
    assert rows[0]["member_from"] == "2025-01-01" and rows[0]["member_until"] == "2027-12-31"


@at_today
def test_open_data_json_contains_exactly_the_current_members(client, mixed_members):
    body = client.get(reverse("la_network:members_json")).json()
    assert body["schema"] == "la-network-members/1"
    assert [m["code"] for m in body["members"]] == ["CUR", "WAL"] and body["count"] == 2
    assert body["members"][1]["nation"] == "wales"


def listed(page) -> list[str]:
    """The councils in the register's member table, in order."""
    table = page.content.decode().split("<caption>Member councils (", 1)[1].split("</table>", 1)[0]
    return re.findall(r'<th scope="row">([^<]+)</th>', table)


@at_today
def test_register_lists_current_members_and_filters_by_nation(client, mixed_members):
    page = client.get(reverse("la_network:register"))
    assert listed(page) == ["Council CUR Borough Council", "Council WAL Borough Council"]
    assert b"Council OLD" not in page.content and b"Council LAP" not in page.content
    assert b"<svg" in page.content and b"<caption>" in page.content
    wales = client.get(reverse("la_network:register"), {"nation": "wales"})
    assert listed(wales) == ["Council WAL Borough Council"]
    assert b'<option value="wales" selected>' in wales.content


@at_today
def test_register_chart_and_its_table_show_the_same_figures(client, mixed_members):
    member("CU2", dt.date(2026, 3, 1))
    page = client.get(reverse("la_network:register")).content.decode()
    chart = page.split('aria-labelledby="chart-title"', 1)[1].split("</svg>", 1)[0]
    assert re.findall(r'font-size="12">([^<]+)</text>', chart) == ["North West", "2", "Wales", "1"]
    table = page.split("<caption>Member councils by region</caption>", 1)[1].split("</table>", 1)[0]
    rows = re.findall(r'<th scope="row">([^<]+)</th><td>(\d+)</td>', table)
    assert rows == [("North West", "2"), ("Wales", "1")]
    assert page.count("<circle ") == 0  # the factory's councils have no coordinates: no dot, no error


@at_today
def test_register_reads_no_table_once_drawn_whatever_the_number_of_members(client):
    def queries_cold_and_warm() -> tuple[int, int]:
        cache.clear()
        return page_queries(client, url), page_queries(client, url)

    url = reverse("la_network:register")
    member("A01", dt.date(2026, 1, 1))
    small = queries_cold_and_warm()
    for n in range(2, 30):
        member(f"A{n:02d}", dt.date(2026, 1, 1))
    assert queries_cold_and_warm() == small
    assert small[1] == 0
    assert len(listed(client.get(url))) == 25
    assert len(listed(client.get(url, {"page": "2"}))) == 4
    assert len(listed(client.get(url, {"page": "99"}))) == 4  # out of range: the last page


@at_today
def test_register_and_open_data_change_as_soon_as_a_council_is_approved(client, national_staff):
    member("CUR", dt.date(2025, 1, 1))
    assert listed(client.get(reverse("la_network:register"))) == ["Council CUR Borough Council"]
    assert client.get(reverse("la_network:members_json")).json()["count"] == 1
    application = complete_application(
        contact=CouncilContactFactory(
            local_authority=LocalAuthorityFactory(code="NEW", short_name="Council NEW")
        )
    )
    services.application_submit(application=application, actor=application.created_by)
    verify_all(application, national_staff)
    services.application_approve(application=application, actor=national_staff)
    assert listed(client.get(reverse("la_network:register"))) == [
        "Council CUR Borough Council",
        "Council NEW Borough Council",
    ]
    assert client.get(reverse("la_network:members_json")).json()["count"] == 2
    assert member_councils()[0][1] == 2


def test_register_figures_follow_a_renamed_council_from_the_register_import(client, tmp_path):
    membership = make_membership(starts_on=timezone.localdate())
    council = membership.local_authority
    client.get(reverse("la_network:register"))
    path = tmp_path / "register.csv"
    path.write_text(
        "local-authority-code,official-name,nice-name,gss-code,end-date,current-authority,nation,region,"
        "local-authority-type-name,lat,long\n"
        f"{council.code},Renamed Borough Council,Renamed,{council.gss_code},,True,England,North West,"
        "Non-metropolitan district,53.5,-2.5\n"
    )
    services.register_import(path=path)
    page = client.get(reverse("la_network:register"))
    assert listed(page) == ["Renamed Borough Council"]
    assert page.content.count(b"<circle ") == 1


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
    # An ended term's documents are refused, saying why.
    assert old_client.get(reverse("la_network:logo", args=[expired.pk])).status_code == 409
    assert old_client.get(reverse("la_network:certificate", args=[expired.pk])).status_code == 409
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
    with django_assert_num_queries(2):  # the group's councils, and the members (then cached)
        panel = group_council_members(group)
    assert [m.official_name for m in panel.context["memberships"]] == ["Council CUR Borough Council"]
    with django_assert_num_queries(1):  # the group's councils only
        group_council_members(group)
    assert group_council_members(GroupFactory()) is None
    with django_assert_num_queries(0):
        assert member_councils()[0][1] == 2
    contact = current.local_authority.contacts.get().user
    assert council_applicant(contact)[0][1] == "la_network:apply"
    assert ("Council applicant", "la_network:apply") in relationship_roles(contact)
    assert relationship_roles(UserFactory()) == []
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
        strategy_title='=HYPERLINK("http://evil")'
    )
    rows = list(csv.DictReader(io.StringIO(response_text(client.get(reverse("la_network:members_csv"))))))
    assert rows[0]["strategy_title"].startswith("'=")
    body = client.get(reverse("la_network:members_json")).json()
    assert body["members"][0]["strategy_title"].startswith("=")
