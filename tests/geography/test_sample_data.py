"""What the shipped sample (geography/data, sources in its README) gives the demo and the tests."""

from __future__ import annotations

import pytest
from django.urls import reverse

from geography.models import MP, Constituency, Postcode
from la_network.models import LocalAuthority

pytestmark = pytest.mark.django_db


def test_every_constituency_in_the_four_nations_has_one_current_mp_with_a_parliament_id(sample):
    nations = dict.fromkeys(("E14", "S14", "W07", "N05"), 0)
    for code in Constituency.objects.values_list("code", flat=True):
        nations[code[:3]] += 1
    assert nations == {"E14": 543, "S14": 57, "W07": 32, "N05": 18}
    current = MP.objects.filter(to_date__isnull=True)
    assert current.count() == 650
    assert current.values("constituency").distinct().count() == 650
    assert not current.filter(parliament_id__isnull=True).exists()
    assert current.values("parliament_id").distinct().count() == 650
    # Spot checks across the four nations against Parliament's register.
    assert MP.objects.get(constituency__code="W07000081", to_date__isnull=True).name == "Stephen Kinnock"
    assert MP.objects.get(constituency__code="N05000003", to_date__isnull=True).name == "Claire Hanna"
    assert MP.objects.get(constituency__code="E14001085", to_date__isnull=True).parliament_id == 4368


def test_every_placed_sample_postcode_names_a_constituency_with_a_current_mp_and_a_known_council(sample):
    placed = Postcode.objects.exclude(constituency_code="")
    assert placed.count() > 350
    codes = set(placed.values_list("constituency_code", flat=True))
    with_mp = set(
        MP.objects.filter(to_date__isnull=True, constituency__code__in=codes).values_list(
            "constituency__code", flat=True
        )
    )
    assert with_mp == codes
    assert not placed.filter(council_gss="").exists()
    councils = set(Postcode.objects.exclude(council_gss="").values_list("council_gss", flat=True))
    assert councils <= set(LocalAuthority.objects.values_list("gss_code", flat=True))
    assert {code[:1] for code in codes} == {"E", "S"}


def test_welsh_sample_postcodes_have_their_council_and_northern_irish_ones_are_found_but_not_placed(
    client, sample
):
    # Wales: council from OS Code-Point Open; no constituency. Northern Ireland: coordinates only.
    # (Why, and the sources: geography/data/README.md.)
    welsh = Postcode.objects.filter(outward__in=("LD1", "LD2"))
    assert welsh.count() == 16 and not welsh.exclude(constituency_code="").exists()
    assert set(welsh.exclude(code="LD1 5AA").values_list("council_gss", flat=True)) == {"W06000023"}
    assert welsh.get(code="LD1 5AA").council_gss == ""  # not in the Code-Point Open release used
    belfast = Postcode.objects.filter(outward="BT1")
    assert belfast.count() == 16
    assert not belfast.exclude(council_gss="", constituency_code="").exists()
    assert not Postcode.objects.filter(latitude__isnull=True).exists()
    page = client.get(reverse("groups:directory"), {"postcode": "LD1 5AB"}).text
    assert "<strong>Powys</strong>" in page and "not its council yet" not in page
