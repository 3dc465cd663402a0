"""Every CSV export goes through one writer: formulas defused, one convention for every file.

Each export below is fed records whose every free-text column holds a spreadsheet formula; no
cell of the file may start like a formula (the planted text arrives prefixed, so it stays
text). A new ``.csv`` URL without a scenario here fails ``test_every_export_is_walked``, and CSV
written anywhere but ``sanctuary/exports.py`` fails ``test_csv_is_written_in_one_place``.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from groups.models import Group
from la_network.models import Application as CouncilApplication
from returnees.models import CheckIn
from tests.awards.factories import make_submitted
from tests.campaigns.factories import ActionFactory
from tests.factories import (
    GroupFactory,
    LocalAuthorityFactory,
    OrganisationContactFactory,
    OrganisationFactory,
    make_lead,
    make_staff,
)
from tests.groups.factories import SignatureFactory
from tests.helpers import reauthenticate, response_text
from tests.la_network.factories import CouncilContactFactory, make_membership
from tests.returnees.factories import guardian_of, monitored_case

pytestmark = pytest.mark.django_db

FORMULAS = ('=HYPERLINK("http://evil")', "+1+1", "-2+3", "@SUM(A1)")
ROOT = Path(settings.BASE_DIR)


def _formula(index: int) -> str:
    return FORMULAS[index % len(FORMULAS)]


def _awards(client_for):
    make_submitted(contact=OrganisationContactFactory(organisation=OrganisationFactory(name=_formula(0))))
    staff = make_staff("national_staff")
    return client_for(staff), staff, reverse("awards:staff_export"), [_formula(0)]


def _campaigns(client_for):
    group = GroupFactory(slug="formula-group")
    Group.objects.filter(pk=group.pk).update(slug="formula-group")
    ActionFactory(place=_formula(1), breakdown_value=_formula(2), group=group)
    staff = make_staff("national_staff")
    return client_for(staff), staff, reverse("campaigns:export"), [_formula(1), _formula(2)]


def _signatures(group: Group) -> list[str]:
    SignatureFactory(group=group, name=_formula(0), email="-formula@example.org", place=_formula(3))
    return [_formula(0), "-formula@example.org", _formula(3)]


def _group_signatories(client_for):
    group = GroupFactory(name=_formula(2))
    lead = make_lead(group)
    planted = _signatures(group)
    return client_for(lead), lead, reverse("groups:export", args=[group.slug]), [*planted, _formula(2)]


def _charter_signatories(client_for):
    planted = _signatures(GroupFactory(name=_formula(1)))
    staff = make_staff("national_staff")
    return client_for(staff), staff, reverse("charter:export"), [*planted, _formula(1)]


def _open_data_groups(client_for):
    GroupFactory(name=_formula(0), area_served=_formula(2))
    return (
        client_for(make_staff("national_staff")),
        None,
        reverse("open_data_csv", args=["groups"]),
        [
            _formula(0),
            _formula(2),
        ],
    )


def _council_members(client_for):
    council = LocalAuthorityFactory(code="FRM", short_name=_formula(3), official_name=_formula(0))
    membership = make_membership(
        starts_on=timezone.localdate() - dt.timedelta(days=30),
        contact=CouncilContactFactory(local_authority=council),
    )
    CouncilApplication.objects.filter(pk=membership.application_id).update(
        strategy_title=_formula(1), strategy_url="https://example.org/strategy"
    )
    return (
        client_for(make_staff("national_staff")),
        None,
        reverse("la_network:members_csv"),
        [
            _formula(3),
            _formula(0),
            _formula(1),
        ],
    )


def _case_checkins(client_for):
    case = monitored_case()
    guardian = guardian_of(case)
    CheckIn.objects.create(
        case=case,
        recorded_by=guardian,
        occurred_at=timezone.now(),
        channel="phone",
        reached=True,
        wellbeing="safe",
        notes=_formula(0),
        needs=_formula(1),
        follow_up=_formula(2),
    )
    url = reverse("returnees:case_export", args=[case.reference])
    return client_for(guardian), guardian, url, [_formula(0), _formula(1), _formula(2)]


def _returnee_statistics(client_for):
    # Country names come from a fixed list and figures are numbers: no free text to plant.
    monitored_case()
    staff = make_staff("national_staff")
    return client_for(staff), staff, reverse("returnees:statistics_export"), []


EXPORTS: dict[str, Callable] = {
    "awards:staff_export": _awards,
    "campaigns:export": _campaigns,
    "groups:export": _group_signatories,
    "charter:export": _charter_signatories,
    "la_network:members_csv": _council_members,
    "open_data_csv": _open_data_groups,
    "returnees:case_export": _case_checkins,
    "returnees:statistics_export": _returnee_statistics,
}
PUBLIC_EXPORTS = {"la_network:members_csv", "open_data_csv"}


def _csv_routes(resolver: URLResolver | None = None, prefix: str = "", namespace: str = ""):
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}:{entry.namespace}" if namespace and entry.namespace else entry.namespace
            yield from _csv_routes(entry, prefix + str(entry.pattern), inner or namespace)
        elif isinstance(entry, URLPattern) and str(entry.pattern).endswith(".csv"):
            yield f"{namespace}:{entry.name}" if namespace else entry.name


def test_every_export_is_walked():
    assert set(_csv_routes()) == set(EXPORTS)


def test_csv_is_written_in_one_place():
    writers = re.compile(r"csv\.(writer|DictWriter)\(|text/csv")
    offenders = [
        str(path.relative_to(ROOT))
        for app in ["sanctuary", *settings.SANCTUARY_APPS]
        for path in (ROOT / app).rglob("*.py")
        if path.name != "exports.py" and writers.search(path.read_text())
    ]
    assert offenders == []


@pytest.mark.parametrize("name", sorted(EXPORTS))
def test_no_cell_of_any_export_starts_like_a_formula(name, client_for):
    client, user, url, planted = EXPORTS[name](client_for)
    if user is not None:
        reauthenticate(client, user)
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response_text(response))))
    header, body = rows[0], rows[1:]
    assert body, "the scenario produced no rows"
    assert all(re.fullmatch(r"[a-z][a-z0-9_]*", column) for column in header), header
    cells = [value for row in body for value in row]
    assert not [value for value in cells if value[:1] in ("=", "+", "-", "@", "\t", "\r")]
    for text in planted:
        assert "'" + text in cells, f"{text!r} did not reach the file"
    if name in PUBLIC_EXPORTS:
        assert "no-store" not in response["Cache-Control"]
    else:
        assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
        assert response["Content-Disposition"].startswith("attachment")


def test_exports_write_iso_dates_and_yes_no(client_for):
    client, guardian, url, _planted = _case_checkins(client_for)
    reauthenticate(client, guardian)
    row = next(csv.DictReader(io.StringIO(response_text(client.get(url)))))
    assert dt.datetime.fromisoformat(row["when"]).tzinfo is not None
    assert row["reached"] == "yes"
