"""What the read-only JSON API at ``/api/v1/`` serves: one ``Endpoint`` per list.

Each app describes its lists through the ``api_endpoints`` hook (a list of ``Endpoint``), as it
describes its open data tables, so this app never imports another. One ``Endpoint`` is the single
description of a list: the views, the OpenAPI document and the ``/api/`` page are all drawn from
it, so they cannot drift apart. A response carries the fields an endpoint declares and nothing
else, whatever its ``row`` returns. Only what the public pages already show.

Adding a list (the events calendar, say) is one ``Endpoint`` in the app's ``api.py`` and one
provider in its ``contributions.py``; the URLs, the document and the page follow.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sanctuary import hooks
from sanctuary.opendata import Column, Dataset

# Table Schema types (sanctuary.opendata) as JSON Schema.
_JSON_TYPES = {
    "string": {"type": "string"},
    "date": {"type": "string", "format": "date"},
    "integer": {"type": "integer"},
    "boolean": {"type": "boolean"},
}


@dataclass(frozen=True)
class Field:
    """One field of an item. ``schema`` describes a present value; a field that is not
    ``required`` may be ``null`` (an empty value is sent as ``null``, never as ``""``)."""

    name: str
    description: str
    schema: dict
    required: bool = False

    def json_schema(self) -> dict:
        schema = dict(self.schema)
        if not self.required:
            schema["type"] = [schema["type"], "null"]
        return schema | {"description": self.description}

    def value(self, row: dict) -> Any:
        value = row[self.name]
        return None if value == "" and not self.required else value


def column_field(column: Column, *, required: bool = False) -> Field:
    schema = dict(_JSON_TYPES[column.type])
    if column.format:
        schema["format"] = column.format
    return Field(column.name, column.description, schema, required=required or column.required)


def dataset_fields(dataset: Dataset) -> tuple[Field, ...]:
    """The fields of an open data table, described as the data package describes them."""
    return tuple(column_field(c, required=c.name in dataset.primary_key) for c in dataset.columns)


@dataclass(frozen=True)
class Filter:
    """A query parameter that narrows a list. With ``choices`` any other value is refused (400);
    without, it is free text of at most ``max_length`` characters, which ``clean`` may turn into
    the value ``items`` receives (a date...), raising ValueError with the reason to refuse it.
    ``format`` names it in the OpenAPI document ("date")."""

    name: str
    description: str
    choices: Sequence[str] = ()
    max_length: int = 100
    clean: Callable[[str], Any] | None = None
    format: str = ""

    @property
    def free_text(self) -> bool:
        return not self.choices


@dataclass(frozen=True)
class Detail:
    """One item by its key (``/api/v1/<name>/<key>/``): ``get`` returns its row, or None when
    there is no such public item."""

    key: str
    get: Callable[[str], dict | None]
    extra_fields: Sequence[Field] = ()


@dataclass(frozen=True)
class Endpoint:
    name: str  # the path segment: lowercase, hyphens
    title: str
    description: str
    fields: Sequence[Field]
    # The filtered items (a QuerySet or a list, read by count/len and slicing, one page at a
    # time) for the filters given: {filter name: value (cleaned)}, only those with a value.
    items: Callable[[dict[str, Any]], Any]
    row: Callable[[Any], dict]  # one item as a dict holding at least every field
    filters: Sequence[Filter] = ()
    detail: Detail | None = None
    # A figures_cache topic every change to the list forgets (sanctuary/figures_cache.py): pages
    # are kept under it; "" keeps nothing.
    cache_topic: str = ""
    schema_name: str = ""  # the item's name in the OpenAPI document ("Group")
    examples: Sequence[str] = field(default_factory=tuple)  # query strings shown on /api/

    def item(self, row: dict) -> dict:
        return {f.name: f.value(row) for f in self.fields}

    def detail_item(self, row: dict) -> dict:
        assert self.detail is not None
        return self.item(row) | {f.name: f.value(row) for f in self.detail.extra_fields}


def endpoints() -> dict[str, Endpoint]:
    found: dict[str, Endpoint] = {}
    for provider in hooks.providers("api_endpoints"):
        for endpoint in provider():
            found[endpoint.name] = endpoint
    return dict(sorted(found.items()))
