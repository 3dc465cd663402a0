"""The files the geography register is imported from: their columns, and reading one row.

Postcodes: the ONS Postcode Directory (ONSPD) or National Statistics Postcode Lookup (NSPL),
or the smaller ONS postcode-to-constituency / postcode-to-council lookups. Columns are found
by name, old and new ONS names alike, so a file from any recent release reads as it is.

Constituencies and MPs: a CSV from Parliament's open data (the Members API export), see
``MEMBER_COLUMNS``.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from geography.postcodes import postcode_normalise
from sanctuary.geography import Nation
from sanctuary.imports import ImportFormatError

DATA_DIR = Path(__file__).resolve().parent / "data"
SAMPLE_POSTCODES = DATA_DIR / "postcodes_sample.csv"
SAMPLE_MEMBERS = DATA_DIR / "constituencies_mps_sample.csv"


class RegisterFormatError(ImportFormatError):
    """The file is not one of the formats above (a header is missing)."""


# Our field -> the column names ONS has used for it, most recent first.
POSTCODE_COLUMNS: dict[str, tuple[str, ...]] = {
    "postcode": ("pcds", "pcd", "pcd7", "pcd8", "pcd2", "postcode"),
    "council": ("lad25cd", "lad24cd", "lad23cd", "oslaua", "laua", "ladcd", "lad"),
    "constituency": ("pcon24cd", "pcon", "pconcd"),
    "latitude": ("lat", "latitude"),
    "longitude": ("long", "lng", "longitude"),
    "terminated": ("doterm",),
}
REQUIRED_POSTCODE_FIELDS = ("postcode",)

GSS_CODE = re.compile(r"^[ENSWLM][0-9]{8}$")
# ONS fills a missing area with a "pseudo" code ending in 99999999; it names no place.
PSEUDO_CODE = re.compile(r"^[A-Z]99999999$")
CONSTITUENCY_PREFIXES = {
    "E14": Nation.ENGLAND,
    "W07": Nation.WALES,
    "S14": Nation.SCOTLAND,
    "N05": Nation.NORTHERN_IRELAND,
}
COUNCIL_PREFIXES = ("E06", "E07", "E08", "E09", "W06", "S12", "N09")


def _columns(fieldnames: list[str] | None, wanted: dict[str, tuple[str, ...]], required) -> dict[str, str]:
    by_lower = {name.strip().lower(): name for name in (fieldnames or [])}
    found = {}
    for field, names in wanted.items():
        for name in names:
            if name in by_lower:
                found[field] = by_lower[name]
                break
    missing = [field for field in required if field not in found]
    if missing:
        expected = "; ".join(f"{field}: one of {', '.join(wanted[field])}" for field in missing)
        raise RegisterFormatError(f"missing columns ({expected})")
    return found


def postcode_columns(fieldnames: list[str] | None) -> dict[str, str]:
    return _columns(fieldnames, POSTCODE_COLUMNS, REQUIRED_POSTCODE_FIELDS)


def _area_code(value: str, *, prefixes, what: str) -> str:
    code = (value or "").strip().upper()
    if not code or PSEUDO_CODE.match(code):
        return ""
    if not GSS_CODE.match(code) or not code.startswith(tuple(prefixes)):
        raise ValueError(f"{what} code {value.strip()!r} is not a GSS code for a {what}")
    return code


def _coordinate(value: str, low: float, high: float, what: str) -> float | None:
    text = (value or "").strip()
    if not text:
        return None
    try:
        number = float(text)
    except ValueError as exc:
        raise ValueError(f"{what} {text!r} is not a number") from exc
    if number != number or not low <= number <= high:  # NaN, or outside the UK's range
        raise ValueError(f"{what} {text!r} is outside the UK")
    return round(number, 6)


def postcode_row_parse(row: dict[str, str], columns: dict[str, str]) -> dict | None:
    """One row as Postcode fields; None for a terminated postcode; ValueError says what is wrong."""
    raw = row.get(columns["postcode"]) or ""
    code = postcode_normalise(raw)
    if code is None:
        raise ValueError(f"{raw.strip()!r} is not a UK postcode" if raw.strip() else "no postcode")
    if "terminated" in columns and (row.get(columns["terminated"]) or "").strip():
        return None
    latitude = longitude = None
    if "latitude" in columns and "longitude" in columns:
        lat_text = (row.get(columns["latitude"]) or "").strip()
        # ONS marks a postcode with no grid reference with latitude 99.999999.
        if lat_text and not lat_text.startswith("99.9999"):
            latitude = _coordinate(lat_text, 49.0, 61.5, "latitude")
            longitude = _coordinate(row.get(columns["longitude"]) or "", -8.9, 2.0, "longitude")
            if longitude is None:
                latitude = None
    return {
        "code": code,
        "outward": code.split(" ")[0],
        "latitude": latitude,
        "longitude": longitude,
        "council_gss": _area_code(
            row.get(columns["council"], "") if "council" in columns else "",
            prefixes=COUNCIL_PREFIXES,
            what="council",
        ),
        "constituency_code": _area_code(
            row.get(columns["constituency"], "") if "constituency" in columns else "",
            prefixes=tuple(CONSTITUENCY_PREFIXES),
            what="constituency",
        ),
    }


# Parliament's Members API export, as the operator downloads it. Names are matched without
# regard to case; the first of each list found is used.
MEMBER_COLUMNS: dict[str, tuple[str, ...]] = {
    "constituency_code": ("constituency code", "gss code", "ons code", "constituency gss code"),
    "constituency": ("constituency", "constituency name"),
    "name": ("name", "display name", "member", "mp"),
    "party": ("party",),
    "parliament_id": ("member id", "id", "parliament id"),
    "from_date": ("start date", "membership start date", "from"),
    "to_date": ("end date", "membership end date", "to"),
}
REQUIRED_MEMBER_FIELDS = ("constituency_code", "constituency")


def member_columns(fieldnames: list[str] | None) -> dict[str, str]:
    return _columns(fieldnames, MEMBER_COLUMNS, REQUIRED_MEMBER_FIELDS)


def _date(value: str, what: str) -> dt.date | None:
    text = (value or "").strip()
    if not text:
        return None
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError as exc:
        raise ValueError(f"{what} {text!r} is not a date (YYYY-MM-DD)") from exc


def member_row_parse(row: dict[str, str], columns: dict[str, str]) -> dict:
    """One row as a constituency and (when named) its MP; ValueError says what is wrong."""

    def value(field: str) -> str:
        return (row.get(columns[field]) or "").strip() if field in columns else ""

    code = value("constituency_code").upper()
    if not GSS_CODE.match(code) or code[:3] not in CONSTITUENCY_PREFIXES:
        raise ValueError(f"constituency code {code!r} is not a GSS code for a constituency")
    name = value("constituency")
    if not name:
        raise ValueError("missing constituency name")
    member = None
    if value("name"):
        member_id = value("parliament_id")
        if member_id and not member_id.isdigit():
            raise ValueError(f"member id {member_id!r} is not a number")
        member = {
            "name": value("name")[:150],
            "party": value("party")[:100],
            "parliament_id": int(member_id) if member_id else None,
            "from_date": _date(value("from_date"), "start date"),
            "to_date": _date(value("to_date"), "end date"),
        }
    return {
        "code": code,
        "name": name[:120],
        "nation": str(CONSTITUENCY_PREFIXES[code[:3]]),
        "member": member,
    }
