"""Importing the ONS postcode file and Parliament's constituency and MP file."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from geography import register, services
from geography.models import MP, Constituency, Postcode
from sanctuary.models import AuditEvent

pytestmark = pytest.mark.django_db

HEADER = "pcds,doterm,oslaua,pcon,lat,long\n"


def write(tmp_path: Path, text: str, name: str = "onspd.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_the_shipped_sample_covers_the_four_nations_and_leaves_terminated_postcodes_out():
    result = services.postcodes_import(path=register.SAMPLE_POSTCODES)
    assert result.skipped == 0
    assert result.terminated == 1
    assert not Postcode.objects.filter(code="SE1 9ZZ").exists()
    placed = Postcode.objects.get(code="AB11 5AA")
    assert (placed.council_gss, placed.constituency_code) == ("S12000033", "S14000061")
    assert Postcode.objects.get(code="M1 1AD").constituency_code == "E14001352"
    assert Postcode.objects.filter(outward="LD1").exists() and Postcode.objects.filter(outward="BT1").exists()
    # Northern Ireland rows carry coordinates only (see geography/data/README.md).
    assert Postcode.objects.get(code="BT1 1AA").council_gss == ""
    assert Postcode.objects.count() == result.created > 300


def test_importing_again_changes_nothing(tmp_path):
    services.postcodes_import(path=register.SAMPLE_POSTCODES)
    before = list(Postcode.objects.order_by("code").values_list())
    again = services.postcodes_import(path=register.SAMPLE_POSTCODES)
    assert again.created == 0 and again.updated == again.written
    assert list(Postcode.objects.order_by("code").values_list()) == before


def test_a_changed_row_updates_the_postcode(tmp_path):
    services.postcodes_import(path=write(tmp_path, HEADER + "AB11 5AA,,S12000033,S14000061,57.1,-2.1\n"))
    services.postcodes_import(path=write(tmp_path, HEADER + "AB11 5AA,,S12000034,S14000111,57.2,-2.2\n"))
    postcode = Postcode.objects.get()
    assert (postcode.council_gss, postcode.constituency_code, postcode.latitude) == (
        "S12000034",
        "S14000111",
        57.2,
    )


def test_bad_rows_are_reported_by_line_and_the_good_ones_kept(tmp_path):
    path = write(
        tmp_path,
        HEADER
        + "AB11 5AA,,S12000033,S14000061,57.1,-2.1\n"  # line 2: good
        + "NOT A CODE,,S12000033,S14000061,57.1,-2.1\n"  # line 3
        + "AB11 5AB,,S12000033,S14000061,north,-2.1\n"  # line 4
        + "AB11 5AD,,X1,S14000061,57.1,-2.1\n"  # line 5
        + "AB11 5AE,,S12000033,E06000001,57.1,-2.1\n"  # line 6: a council code as constituency
        + "AB11 5AF,,S12000033,S14000061,10.0,-2.1\n"  # line 7: not in the UK
        + "AB11 5AG,,S99999999,S99999999,99.999999,0.000000\n",  # line 8: no place, still good
    )
    result = services.postcodes_import(path=path)
    lines = [line for line, _reason in result.problems]
    assert lines == [3, 4, 5, 6, 7]
    assert "not a UK postcode" in result.problems[0][1]
    assert "latitude" in result.problems[1][1]
    assert set(Postcode.objects.values_list("code", flat=True)) == {"AB11 5AA", "AB11 5AG"}
    unplaced = Postcode.objects.get(code="AB11 5AG")
    assert (unplaced.council_gss, unplaced.latitude) == ("", None)


def test_the_command_prints_each_bad_line_and_a_summary(tmp_path):
    path = write(tmp_path, HEADER + "AB11 5AA,,S12000033,S14000061,57.1,-2.1\nnope,,,,,\n")
    out, err = io.StringIO(), io.StringIO()
    call_command("import_postcodes", str(path), stdout=out, stderr=err)
    assert "line 3:" in err.getvalue() and "skipped" in err.getvalue()
    assert "created 1" in out.getvalue() and "skipped 1" in out.getvalue()


def test_rows_are_written_in_batches(tmp_path):
    rows = "".join(f"AB11 5A{letter},,S12000033,S14000061,57.1,-2.1\n" for letter in "ABDEF")
    result = services.postcodes_import(path=write(tmp_path, HEADER + rows), batch_size=2)
    assert result.batches == 3
    assert Postcode.objects.count() == 5


def test_a_postcode_repeated_in_one_batch_keeps_the_later_row_and_says_so(tmp_path):
    path = write(
        tmp_path,
        HEADER + "AB11 5AA,,S12000033,S14000061,57.1,-2.1\nAB11 5AA,,S12000034,S14000111,57.2,-2.2\n",
    )
    result = services.postcodes_import(path=path)
    assert result.problems == [(2, "AB11 5AA appears again on line 3; that row is kept")]
    assert Postcode.objects.get().council_gss == "S12000034"


def test_newer_ons_column_names_are_read_too(tmp_path):
    path = write(
        tmp_path, "pcd7,pcds,lad25cd,pcon24cd,lat,long\nM1  1AD,M1 1AD,E08000003,E14001352,53.48,-2.24\n"
    )
    services.postcodes_import(path=path)
    assert Postcode.objects.get().council_gss == "E08000003"


def test_a_file_without_a_postcode_column_is_refused_by_the_command(tmp_path):
    path = write(tmp_path, "name,value\nx,y\n")
    with pytest.raises(CommandError, match="missing columns"):
        call_command("import_postcodes", str(path))
    assert Postcode.objects.count() == 0


def test_an_import_is_audited():
    services.postcodes_import(path=register.SAMPLE_POSTCODES)
    event = AuditEvent.objects.get(action="geography.postcodes_imported")
    assert event.detail["terminated"] == 1


MEMBERS_HEADER = "Constituency code,Constituency,Name,Party,Member id,Start date\n"


def test_constituencies_and_mps_are_imported_and_a_new_mp_ends_the_old_membership(tmp_path):
    result = services.members_import(path=register.SAMPLE_MEMBERS)
    assert result.constituencies_created == 650 and result.members_created == 650
    assert Constituency.objects.filter(code__startswith="N05").count() == 18
    assert MP.objects.get(constituency__code="S14000060").name == "Kirsty Blackman"
    path = write(
        tmp_path, MEMBERS_HEADER + "S14000060,Aberdeen North,A New Member,Party,123,2026-12-10\n", "m.csv"
    )
    services.members_import(path=path)
    old = MP.objects.get(name="Kirsty Blackman")
    assert old.to_date.isoformat() == "2026-12-10"
    assert MP.objects.get(constituency__code="S14000060", to_date__isnull=True).name == "A New Member"


def test_the_member_import_runs_again_without_change_and_reports_bad_rows(tmp_path):
    services.members_import(path=register.SAMPLE_MEMBERS)
    again = services.members_import(path=register.SAMPLE_MEMBERS)
    assert (again.constituencies_created, again.members_created, again.unchanged) == (0, 0, 650)
    path = write(
        tmp_path,
        MEMBERS_HEADER + "X123,Nowhere,,,,\nE14001085,,,,,\nS14000060,Aberdeen North,Someone,P,abc,\n",
        "m.csv",
    )
    result = services.members_import(path=path)
    assert [line for line, _ in result.problems] == [2, 3, 4]


def test_without_insert_on_conflict_the_import_falls_back_to_row_by_row_with_the_same_result(
    tmp_path, monkeypatch
):
    from django.db import connection

    monkeypatch.setattr(connection.features, "supports_update_conflicts_with_target", False)
    path = write(
        tmp_path, HEADER + "AB11 5AA,,S12000033,S14000061,57.1,-2.1\nM1 1AD,,E08000003,E14001352,53.4,-2.2\n"
    )
    first = services.postcodes_import(path=path, batch_size=1)
    again = services.postcodes_import(path=path, batch_size=1)
    assert (first.created, again.created, again.updated) == (2, 0, 2)
    assert Postcode.objects.get(code="M1 1AD").constituency_code == "E14001352"
