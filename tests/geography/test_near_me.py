"""Find near me on the group directory and the council register."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from geography.selectors import point_for_postcode
from la_network.models import LocalAuthority, Membership
from tests.factories import GroupFactory
from tests.la_network.factories import CouncilContactFactory, make_membership

pytestmark = pytest.mark.django_db


def placed_group(name: str, postcode: str, *councils: LocalAuthority, **extra):
    latitude, longitude = point_for_postcode(postcode)
    group = GroupFactory(name=name, postcode=postcode, latitude=latitude, longitude=longitude, **extra)
    group.local_authorities.add(*councils)
    return group


def test_a_postcode_shows_its_council_the_groups_covering_it_and_the_nearest(client, sample):
    aberdeen = LocalAuthority.objects.get(gss_code="S12000033")
    placed_group("Harbour Welcome", "AB11 5AA", aberdeen)
    placed_group("Far South Friends", "SE1 2DL")
    page = client.get(reverse("groups:directory"), {"postcode": "ab115aa"}).text
    assert "Aberdeen City" in page
    assert "not (yet) a member of the Local Authority Network" in page
    assert "Groups covering your council" in page and "Harbour Welcome" in page
    nearest = page.split("Nearest groups")[1]
    assert nearest.index("Harbour Welcome") < nearest.index("Far South Friends")
    assert "about 0 km away" in nearest


def test_an_outward_code_is_enough_and_a_member_council_says_so(client, sample):
    aberdeen = LocalAuthority.objects.get(gss_code="S12000033")
    contact = CouncilContactFactory(local_authority=aberdeen)
    make_membership(contact=contact, starts_on=dt.date.today() - dt.timedelta(days=10))
    assert Membership.objects.filter(local_authority=aberdeen).exists()
    page = client.get(reverse("la_network:register"), {"postcode": "AB16"}).text
    assert "Aberdeen City" in page and "a member of the Local Authority Network." in page


def test_a_malformed_postcode_gets_a_message_beside_the_field_and_keeps_what_was_typed(client, sample):
    response = client.get(reverse("groups:directory"), {"postcode": "not a code"})
    assert response.status_code == 200
    page = response.text
    assert 'id="near-me-error"' in page and "AB10 1AB" in page
    assert 'value="not a code"' in page


def test_a_postcode_not_in_the_data_says_so_and_lets_the_person_choose_their_council(client, sample):
    page = client.get(reverse("groups:directory"), {"postcode": "AB99 9ZZ"}).text
    assert "not in our records yet" in page
    assert 'name="council"' in page and "Aberdeen City" in page
    chosen = client.get(reverse("groups:directory"), {"postcode": "AB99 9ZZ", "council": "ABE"}).text
    assert "<strong>Aberdeen City</strong>" in chosen


def test_a_known_postcode_without_a_council_offers_the_list_too(client, sample):
    page = client.get(reverse("la_network:register"), {"postcode": "BT1 1AA"}).text
    assert "not its council yet" in page and 'name="council"' in page


def _count(client, url, params) -> int:
    cache.clear()
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url, params).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("url_name", ["groups:directory", "la_network:register"])
def test_the_postcode_search_runs_the_same_queries_whatever_the_number_of_groups(client, sample, url_name):
    aberdeen = LocalAuthority.objects.get(gss_code="S12000033")
    url = reverse(url_name)
    placed_group("Group 0", "AB11 5AA", aberdeen)
    small = _count(client, url, {"postcode": "AB11 5AA"})
    for n in range(1, 25):
        placed_group(f"Group {n}", "AB10 1AB" if n % 2 else "AB12 3AA", aberdeen)
    large = _count(client, url, {"postcode": "AB11 5AA"})
    assert small == large
    outward_small = _count(client, url, {"postcode": "AB15"})
    placed_group("One more", "AB15 4AA", aberdeen)
    assert _count(client, url, {"postcode": "AB15"}) == outward_small


def test_a_lead_places_their_group_by_the_postcode_where_it_meets(client_for, sample):
    from tests.factories import make_lead

    group = GroupFactory(name="Harbour Welcome")
    lead = make_lead(group)
    data = {
        "name": group.name,
        "area_served": group.area_served,
        "nation": group.nation,
        "region": group.region,
        "status": group.status,
        "postcode": "ab11 5aa",
    }
    response = client_for(lead).post(reverse("groups:edit", args=[group.slug]), data)
    assert response.status_code == 302
    group.refresh_from_db()
    assert group.postcode == "AB11 5AA"
    assert round(group.latitude, 3) == 57.146 and round(group.longitude, 3) == -2.095
    bad = client_for(lead).post(reverse("groups:edit", args=[group.slug]), {**data, "postcode": "nope"})
    assert bad.status_code == 200 and "AB10 1AB" in bad.text


def test_a_group_without_a_postcode_is_found_by_the_council_it_covers(client, sample):
    aberdeen = LocalAuthority.objects.get(gss_code="S12000033")
    aberdeen.latitude, aberdeen.longitude = 57.1497, -2.0943
    aberdeen.save(update_fields=["latitude", "longitude"])
    placed_group("Far South Friends", "SE1 2DL")
    unplaced = GroupFactory(name="Granite City Welcome", postcode="")
    unplaced.local_authorities.add(aberdeen)
    GroupFactory(name="Nowhere Yet", postcode="")  # no postcode and no council: cannot be placed

    page = client.get(reverse("groups:directory"), {"postcode": "AB11 5AA"}).text

    nearest = page.split("Nearest groups")[1].split("</ol>")[0]
    assert nearest.index("Granite City Welcome") < nearest.index("Far South Friends")
    assert "km to the middle of the area it covers" in nearest.split("Far South Friends")[0]
    assert "Nowhere Yet" not in nearest
