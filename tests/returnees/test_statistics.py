"""Anonymous outcome statistics withhold every figure under five."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from returnees import services
from returnees.statistics import outcome_rows
from tests.factories import make_staff
from tests.helpers import response_text
from tests.returnees.factories import monitored_case, reauthenticate

pytestmark = pytest.mark.django_db


def _cases(n: int, *, country: str, reached: int = 0, danger: int = 0) -> None:
    for index in range(n):
        case = monitored_case(destination_country=country, departure_date=dt.date(2026, 3, 1))
        if index < reached:
            services.checkin_record(
                actor=None,
                case=case,
                occurred_at=timezone.now(),
                channel="phone",
                reached=True,
                wellbeing="in_danger" if index < danger else "safe",
            )


def test_figures_under_five_are_suppressed():
    _cases(6, country="ZW", reached=5, danger=2)
    _cases(3, country="SD", reached=3)
    rows = {row.country: row for row in outcome_rows()}
    zimbabwe, sudan = rows["Zimbabwe"], rows["Sudan"]
    assert (zimbabwe.year, zimbabwe.monitored, zimbabwe.covered, zimbabwe.coverage_percent) == (
        2026,
        6,
        5,
        83,
    )
    assert zimbabwe.danger_cases is None and zimbabwe.danger_reports is None
    assert sudan.monitored is None and sudan.covered is None and sudan.coverage_percent is None


def test_statistics_page_and_export_show_no_small_numbers(client_for):
    _cases(5, country="ZW", reached=5, danger=1)
    staff = make_staff("national_staff")
    client = client_for(staff)
    page = client.get(reverse("returnees:statistics")).content.decode()
    assert "fewer than 5" in page
    reauthenticate(client, staff)
    response = client.get(reverse("returnees:statistics_export"))
    assert response["Content-Disposition"].startswith("attachment")
    lines = response_text(response).splitlines()
    assert lines[1] == "Zimbabwe,2026,5,5,100,<5,<5"
