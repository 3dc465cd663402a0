"""Anonymous outcome figures for advocacy: no row ever describes fewer than a few people.

Any figure under ``RETURNEE_STATISTICS_MIN_COUNT`` (five by default) is withheld, and so is a
percentage built on one, so that nobody can be singled out by country and year.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, Q
from django.db.models.functions import Coalesce, ExtractYear

from returnees.countries import Country
from returnees.models import Case, CheckIn


@dataclass(frozen=True)
class StatRow:
    country: str
    year: int | None
    monitored: int | None
    covered: int | None
    coverage_percent: int | None
    danger_cases: int | None
    danger_reports: int | None


def _suppress(value: int) -> int | None:
    return value if value >= settings.RETURNEE_STATISTICS_MIN_COUNT else None


def outcome_rows() -> list[StatRow]:
    """Returns monitored, check-in coverage and reports of danger by country and year."""
    danger = Q(checkins__wellbeing=CheckIn.Wellbeing.IN_DANGER)
    rows = (
        Case.objects.filter(monitoring_started_at__isnull=False)
        .annotate(year=Coalesce(ExtractYear("departure_date"), ExtractYear("monitoring_started_at")))
        .values("destination_country", "year")
        .annotate(
            monitored=Count("pk", distinct=True),
            covered=Count("pk", filter=Q(checkins__reached=True), distinct=True),
            danger_cases=Count("pk", filter=danger, distinct=True),
            danger_reports=Count("checkins", filter=danger, distinct=True),
        )
        .order_by("destination_country", "year")
    )
    labels = dict(Country.choices)
    result = []
    for row in rows:
        monitored, covered = _suppress(row["monitored"]), _suppress(row["covered"])
        percent = round(100 * covered / monitored) if monitored and covered else None
        result.append(
            StatRow(
                country=str(labels.get(row["destination_country"], row["destination_country"])),
                year=row["year"],
                monitored=monitored,
                covered=covered,
                coverage_percent=percent,
                danger_cases=_suppress(row["danger_cases"]),
                danger_reports=_suppress(row["danger_reports"]),
            )
        )
    return result
