import io
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from la_network import register
from la_network.models import LocalAuthority
from sanctuary.geography import Nation, Region

pytestmark = pytest.mark.django_db

HEADER = (
    "local-authority-code,official-name,nice-name,gss-code,end-date,current-authority,nation,region,"
    "local-authority-type-name,lat,long\n"
)


def run(path) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("import_local_authorities", str(path), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_builtin_register_imports_councils_with_nation_region_and_former_flag():
    out, _err = run(register.BUILTIN_REGISTER)
    assert "created 9, updated 0, unchanged 0, skipped 0" in out
    sheffield = LocalAuthority.objects.get(code="SHF")
    assert sheffield.nation == Nation.ENGLAND and sheffield.region == Region.YORKSHIRE
    assert sheffield.official_name == "Sheffield City Council" and sheffield.short_name == "Sheffield"
    assert sheffield.gss_code == "E08000019" and sheffield.latitude is not None
    former = LocalAuthority.objects.get(code="ALL")
    assert former.is_current is False and str(former.end_date) == "2023-04-01"


def test_running_the_import_twice_updates_in_place_and_never_duplicates(tmp_path):
    run(register.BUILTIN_REGISTER)
    out, _err = run(register.BUILTIN_REGISTER)
    assert "created 0, updated 0, unchanged 9, skipped 0" in out
    assert LocalAuthority.objects.count() == 9
    changed = tmp_path / "changed.csv"
    changed.write_text(
        HEADER + "SHF,Sheffield City Council,Sheffield City,E08000019,,True,England,"
        "Yorkshire and The Humber,Metropolitan district,53.4,-1.55\n"
    )
    out, _err = run(changed)
    assert "created 0, updated 1, unchanged 0, skipped 0" in out
    assert LocalAuthority.objects.get(code="SHF").short_name == "Sheffield City"
    assert LocalAuthority.objects.count() == 9


def test_malformed_rows_are_reported_with_line_numbers_and_the_rest_imported(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text(
        HEADER
        + "AAA,Good Council,Good,E1,,True,England,London,London borough,51.5,-0.1\n"
        + ",No Code Council,None,E2,,True,England,London,London borough,51.5,-0.1\n"
        + "BBB,Atlantis Council,Atlantis,E3,,True,Atlantis,,District,,\n"
        + "CCC,Odd Council,Odd,E4,,Maybe,England,London,District,,\n"
        + "DDD,Far Council,Far,E5,,True,England,Moon Region,District,,\n"
        + "EEE,Bad Coords,Bad,E6,,True,England,London,District,north,west\n"
        + "FFF,No Region Council,No Region,E7,,True,England,,Unitary,,\n"
    )
    out, err = run(bad)
    assert "created 2, updated 0, unchanged 0, skipped 5" in out
    for line in (3, 4, 5, 6, 7):
        assert f"line {line}:" in err
    assert set(LocalAuthority.objects.values_list("code", flat=True)) == {"AAA", "FFF"}
    # Some English councils have no region in the register: they are kept with a blank one.
    assert LocalAuthority.objects.get(code="FFF").region == ""


@pytest.mark.skipif(not Path(settings.LA_REGISTER_PATH).is_file(), reason="real register not present")
def test_the_real_register_imports_every_row():
    out, err = run(settings.LA_REGISTER_PATH)
    assert "created 470" in out and "skipped 0" in out, err
    assert LocalAuthority.objects.filter(is_current=False).exists()


def test_a_file_without_the_register_columns_is_refused(tmp_path):
    from django.core.management.base import CommandError

    other = tmp_path / "other.csv"
    other.write_text("name,email\nA,a@example.org\n")
    with pytest.raises(CommandError, match="missing columns"):
        run(other)
    assert not LocalAuthority.objects.exists()
