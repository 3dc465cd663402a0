"""Every CSV the platform produces goes through ``csv_response``: one writer, one convention.

- Every cell is written for people who open it in a spreadsheet program: text that starts like
  a formula is prefixed so it stays text (``sanctuary.spreadsheet.cell``).
- Dates are ISO 8601 (``2026-11-01``), times ISO 8601 in the platform's time zone with their
  offset (``2026-11-01T09:30:00+00:00``), booleans ``yes`` / ``no``, nothing is an empty cell.
- Headers are snake_case.
- The response streams (an export of a national table never sits whole in memory) and, unless
  it is public open data, is never stored by a browser or proxy (``Cache-Control: no-store``).
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections.abc import Iterable, Sequence
from typing import Any

from django.http import StreamingHttpResponse
from django.utils import timezone
from django.utils.http import content_disposition_header

from sanctuary.spreadsheet import cell

CSV_MEDIA_TYPE = "text/csv"
_SNAKE_CASE = re.compile(r"^[a-z][a-z0-9]*(_[a-z0-9]+)*$")


def csv_value(value: Any) -> Any:
    """One cell, in the export convention."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, dt.datetime):
        moment = timezone.localtime(value) if timezone.is_aware(value) else value
        return moment.isoformat(timespec="seconds")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str):
        return cell(value)
    return value


class _Echo:
    """A file-like object whose write() hands back what it was given, for streaming."""

    def write(self, value: str) -> str:
        return value


def csv_response(
    *,
    filename: str,
    header: Sequence[str],
    rows: Iterable[Sequence[Any]],
    public: bool = False,
) -> StreamingHttpResponse:
    """A streamed CSV download of ``rows`` under ``header`` (snake_case names)."""
    wrong = [name for name in header if not _SNAKE_CASE.match(name)]
    if wrong:
        raise ValueError(f"CSV headers must be snake_case: {wrong}")
    writer = csv.writer(_Echo())

    def lines():
        yield writer.writerow(header)
        for row in rows:
            yield writer.writerow([csv_value(value) for value in row])

    response = StreamingHttpResponse(lines(), content_type=f"{CSV_MEDIA_TYPE}; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(not public, filename)
    response["Cache-Control"] = "public, max-age=300" if public else "private, no-store"
    return response
