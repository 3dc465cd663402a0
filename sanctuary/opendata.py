"""``/data/``: the platform's open data as a Frictionless data package.

Each app contributes its tables through the ``open_data`` hook (a list of ``Dataset``), so the
core never imports an app. One ``Dataset`` is the single description of a table: the
``datapackage.json`` Table Schema, the CSV and JSON files and the human page at ``/data/`` are
all drawn from it, so they cannot drift apart. Only what the public pages already show.

Every file (not the page) carries an ``ETag`` (a digest of what it says) and may be kept by browsers and
proxies for a few minutes; a reader that sends the ``ETag`` back gets a 304 when nothing changed.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.cache import get_conditional_response
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from sanctuary import hooks
from sanctuary.exports import CSV_MEDIA_TYPE, csv_response

MAX_AGE = 300
CC_BY_4 = {
    "name": "CC-BY-4.0",
    "title": "Creative Commons Attribution 4.0 International",
    "path": "https://creativecommons.org/licenses/by/4.0/",
}
# Table Schema's words for the conventions of sanctuary.exports.
BOOLEAN_VALUES = {"trueValues": ["yes"], "falseValues": ["no"]}
TYPE_NOTES = {
    "date": "ISO 8601 date (YYYY-MM-DD)",
    "boolean": "yes or no",
    "integer": "whole number",
    "string": "text",
}


@dataclass(frozen=True)
class Column:
    name: str  # snake_case, as in the CSV header
    type: str  # a Table Schema type: string, integer, date, boolean
    description: str
    format: str = ""  # a Table Schema format ("uri"), when there is one
    required: bool = False


@dataclass(frozen=True)
class Dataset:
    name: str  # the resource name and file name: lowercase, hyphens
    title: str
    description: str
    columns: Sequence[Column]
    primary_key: Sequence[str]
    rows: Callable[[], list[dict[str, Any]]]  # one dict per row, keyed by column name
    sources: Sequence[dict] = field(default_factory=tuple)

    def schema(self) -> dict:
        fields = []
        for column in self.columns:
            described = {"name": column.name, "type": column.type, "description": column.description}
            if column.format:
                described["format"] = column.format
            if column.type == "boolean":
                described.update(BOOLEAN_VALUES)
            if column.required or column.name in self.primary_key:
                described["constraints"] = {"required": True}
            fields.append(described)
        return {"fields": fields, "primaryKey": list(self.primary_key), "missingValues": [""]}


def datasets() -> dict[str, Dataset]:
    found: dict[str, Dataset] = {}
    for provider in hooks.providers("open_data"):
        for dataset in provider():
            found[dataset.name] = dataset
    return dict(sorted(found.items()))


def descriptor(found: dict[str, Dataset]) -> dict:
    resources = []
    for dataset in found.values():
        common = {
            # Data Package v2's word for a resource read as rows against its schema (JSON too).
            "type": "table",
            "title": dataset.title,
            "description": dataset.description,
            "encoding": "utf-8",
            "schema": dataset.schema(),
        }
        if dataset.sources:
            common["sources"] = list(dataset.sources)
        resources.append(
            {
                "name": dataset.name,
                "path": f"{dataset.name}.csv",
                "format": "csv",
                "mediatype": CSV_MEDIA_TYPE,
            }
            | common
        )
        resources.append(
            {
                "name": f"{dataset.name}-json",
                "path": f"{dataset.name}.json",
                "format": "json",
                "mediatype": "application/json",
            }
            | common
        )
    return {
        "name": "city-of-sanctuary-open-data",
        "title": "City of Sanctuary open data",
        "description": (
            "Local groups, Sanctuary Award holders and the local authority network register of the "
            "City of Sanctuary network: what its public pages show, as CSV and JSON."
        ),
        "homepage": f"{settings.SITE_URL}{reverse('open_data')}",
        "licenses": [CC_BY_4],
        "sources": [
            {"title": "City of Sanctuary", "path": settings.SITE_URL},
            *[source for dataset in found.values() for source in dataset.sources],
        ],
        "resources": resources,
    }


def _etag(content: Any) -> str:
    if not isinstance(content, bytes):
        content = json.dumps(content, cls=DjangoJSONEncoder, sort_keys=True).encode()
    return f'"{hashlib.sha256(content).hexdigest()[:32]}"'


def conditional_response(request, content: Any, build: Callable[[], HttpResponse]) -> HttpResponse:
    """``build()``'s response, or a 304 when the reader already holds ``content`` (what the body
    says: the bytes of it, or data that serialises as JSON), for any public file or feed."""
    etag = _etag(content)
    response = get_conditional_response(request, etag=etag) or build()
    response["ETag"] = etag
    response["Cache-Control"] = f"public, max-age={MAX_AGE}"
    return response


def _dataset(name: str) -> Dataset:
    found = datasets().get(name)
    if found is None:
        raise Http404
    return found


@login_not_required
@require_safe
def data_page(request):
    # An ordinary page, without an ETag: it carries a fresh CSP nonce each time, which a 304
    # would pair with a body holding an old one.
    return render(
        request,
        "open_data.html",
        {
            "datasets": list(datasets().values()),
            "licence": CC_BY_4,
            "type_notes": {key: _(value) for key, value in TYPE_NOTES.items()},
        },
    )


@login_not_required
@require_safe
def data_package(request):
    # The descriptor is the machine interface of the data: it stays in English whatever the
    # reader's language (titles and descriptions are lazy, so they are rendered in here).
    with translation.override(settings.LANGUAGE_CODE):
        package = descriptor(datasets())
        return conditional_response(
            request, package, lambda: JsonResponse(package, json_dumps_params={"indent": 2})
        )


@login_not_required
@require_safe
def data_csv(request, name: str):
    dataset = _dataset(name)
    rows = dataset.rows()
    header = [column.name for column in dataset.columns]
    return conditional_response(
        request,
        [dataset.name, "csv", rows],
        lambda: csv_response(
            filename=f"{dataset.name}.csv",
            header=header,
            rows=([row[key] for key in header] for row in rows),
            public=True,
        ),
    )


@login_not_required
@require_safe
def data_json(request, name: str):
    dataset = _dataset(name)
    rows = dataset.rows()
    header = [column.name for column in dataset.columns]
    return conditional_response(
        request,
        [dataset.name, "json", rows],
        lambda: JsonResponse([{key: row[key] for key in header} for row in rows], safe=False),
    )
