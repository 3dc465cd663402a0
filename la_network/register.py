"""The register of UK local authorities: its columns, and reading one row of it."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.conf import settings

from sanctuary.geography import REGISTER_NATIONS, REGISTER_REGIONS
from sanctuary.imports import ImportFormatError

BUILTIN_REGISTER = Path(__file__).resolve().parent / "data" / "local_authorities_sample.csv"


REGISTER_COLUMNS = frozenset(
    {
        "local-authority-code",
        "official-name",
        "nice-name",
        "gss-code",
        "end-date",
        "current-authority",
        "nation",
        "region",
        "local-authority-type-name",
        "lat",
        "long",
    }
)


class RegisterFormatError(ImportFormatError):
    """Not a file of this kind: a column the import needs is missing."""


def _decimal(value: str) -> Decimal | None:
    if not value.strip():
        return None
    try:
        return Decimal(value.strip()).quantize(Decimal("0.000001"))
    except InvalidOperation as exc:
        raise ValueError(f"coordinate {value!r} is not a number") from exc


def register_row_parse(row: dict[str, str]) -> dict:
    """One row of mySociety's register as LocalAuthority fields; ValueError says what is wrong."""
    code = (row.get("local-authority-code") or "").strip()
    if not code or len(code) > 10:
        raise ValueError("missing or over-long local-authority-code")
    official = (row.get("official-name") or "").strip()
    if not official:
        raise ValueError("missing official-name")
    nation_label = (row.get("nation") or "").strip()
    if nation_label not in REGISTER_NATIONS:
        raise ValueError(f"unknown nation {nation_label!r}")
    region_label = (row.get("region") or "").strip()
    if region_label and region_label not in REGISTER_REGIONS:
        raise ValueError(f"unknown region {region_label!r}")
    current = (row.get("current-authority") or "").strip()
    if current not in ("True", "False"):
        raise ValueError(f"current-authority must be True or False, not {current!r}")
    end_text = (row.get("end-date") or "").strip()
    try:
        end_date = dt.date.fromisoformat(end_text) if end_text else None
    except ValueError as exc:
        raise ValueError(f"end-date {end_text!r} is not a date") from exc
    return {
        "official_name": official[:200],
        "short_name": ((row.get("nice-name") or "").strip() or official)[:120],
        "gss_code": (row.get("gss-code") or "").strip()[:12],
        "nation": REGISTER_NATIONS[nation_label],
        "region": str(REGISTER_REGIONS[region_label]) if region_label else "",
        "authority_type": (row.get("local-authority-type-name") or "").strip()[:80],
        "latitude": _decimal(row.get("lat") or ""),
        "longitude": _decimal(row.get("long") or ""),
        "is_current": current == "True",
        "end_date": end_date,
        "code": code,
    }


def register_default_path() -> Path:
    path = Path(settings.LA_REGISTER_PATH)
    return path if path.is_file() else BUILTIN_REGISTER
