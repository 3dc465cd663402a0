"""The OpenAPI 3.1 document of ``/api/v1/``, drawn from the endpoints themselves."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse

from api.endpoints import Endpoint
from sanctuary.opendata import CC_BY_4, MAX_AGE

VERSION = "1.0.0"
DEFAULT_LIMIT = 25
MAX_LIMIT = 100


def _ref(kind: str, name: str) -> dict:
    return {"$ref": f"#/components/{kind}/{name}"}


def server_url() -> str:
    return settings.SITE_URL + reverse("api:openapi").removesuffix("openapi.json").rstrip("/")


def _object(fields, *, description: str) -> dict:
    return {
        "type": "object",
        "description": description,
        "additionalProperties": False,
        "required": [f.name for f in fields],
        "properties": {f.name: f.json_schema() for f in fields},
    }


def _page(item: str) -> dict:
    link = {"type": ["string", "null"], "format": "uri"}
    return {
        "type": "object",
        "additionalProperties": False,
        "required": ["count", "page", "limit", "next", "previous", "results"],
        "properties": {
            "count": {"type": "integer", "minimum": 0, "description": "How many items match, on all pages."},
            "page": {"type": "integer", "minimum": 1, "description": "This page's number."},
            "limit": {"type": "integer", "minimum": 1, "maximum": MAX_LIMIT, "description": "Items a page."},
            "next": link | {"description": "The next page, or null on the last one."},
            "previous": link | {"description": "The previous page, or null on the first one."},
            "results": {"type": "array", "items": _ref("schemas", item)},
        },
    }


def _ok(schema: dict, description: str) -> dict:
    return {
        "description": description,
        "headers": {
            "ETag": _ref("headers", "ETag"),
            "Cache-Control": _ref("headers", "Cache-Control"),
            "Access-Control-Allow-Origin": _ref("headers", "Access-Control-Allow-Origin"),
        },
        "content": {"application/json": {"schema": schema}},
    }


def _common_responses() -> dict:
    return {
        "304": _ref("responses", "NotModified"),
        "429": _ref("responses", "TooManyRequests"),
    }


def _filter_parameter(f) -> dict:
    schema: dict = {"type": "string"}
    if f.choices:
        schema["enum"] = list(f.choices)
    else:
        schema["maxLength"] = f.max_length
    if f.format:
        schema["format"] = f.format
    return {"name": f.name, "in": "query", "required": False, "description": f.description, "schema": schema}


def _operation_id(verb: str, endpoint: Endpoint) -> str:
    return f"{verb}_{endpoint.name.replace('-', '_')}"


def _paths_and_schemas(endpoint: Endpoint) -> tuple[dict, dict]:
    item = endpoint.schema_name
    schemas = {
        item: _object(endpoint.fields, description=endpoint.title),
        f"{item}Page": _page(item),
    }
    paths = {
        f"/{endpoint.name}/": {
            "get": {
                "operationId": _operation_id("list", endpoint),
                "summary": endpoint.title,
                "description": endpoint.description,
                "tags": [endpoint.name],
                "parameters": [
                    *(_filter_parameter(f) for f in endpoint.filters),
                    _ref("parameters", "page"),
                    _ref("parameters", "limit"),
                ],
                "responses": {
                    "200": _ok(_ref("schemas", f"{item}Page"), "One page of the list."),
                    "400": _ref("responses", "BadRequest"),
                    "404": _ref("responses", "NotFound"),
                    **_common_responses(),
                },
            }
        }
    }
    if endpoint.detail is not None:
        key = endpoint.detail.key
        schemas[f"{item}Detail"] = _object(
            [*endpoint.fields, *endpoint.detail.extra_fields], description=endpoint.title
        )
        paths[f"/{endpoint.name}/{{{key}}}/"] = {
            "get": {
                "operationId": _operation_id("get", endpoint),
                "summary": f"One item of: {endpoint.title}",
                "tags": [endpoint.name],
                "parameters": [
                    {
                        "name": key,
                        "in": "path",
                        "required": True,
                        "description": next((f.description for f in endpoint.fields if f.name == key), key),
                        "schema": {"type": "string"},
                    }
                ],
                "responses": {
                    "200": _ok(_ref("schemas", f"{item}Detail"), "The item."),
                    "404": _ref("responses", "NotFound"),
                    **_common_responses(),
                },
            }
        }
    return paths, schemas


def _components() -> dict:
    error = {"content": {"application/json": {"schema": _ref("schemas", "Error")}}}
    return {
        "schemas": {
            "Error": {
                "type": "object",
                "additionalProperties": False,
                "required": ["detail"],
                "properties": {
                    "detail": {"type": "string", "description": "What went wrong, in words."},
                    "errors": {
                        "type": "object",
                        "description": "For a refused query parameter: its name and why.",
                        "additionalProperties": {"type": "string"},
                    },
                },
            }
        },
        "parameters": {
            "page": {
                "name": "page",
                "in": "query",
                "required": False,
                "description": "Which page, from 1.",
                "schema": {"type": "integer", "minimum": 1, "default": 1},
            },
            "limit": {
                "name": "limit",
                "in": "query",
                "required": False,
                "description": f"Items a page, at most {MAX_LIMIT}.",
                "schema": {"type": "integer", "minimum": 1, "maximum": MAX_LIMIT, "default": DEFAULT_LIMIT},
            },
        },
        "headers": {
            "ETag": {
                "description": "A digest of the response: send it back in If-None-Match to get a 304.",
                "schema": {"type": "string"},
            },
            "Cache-Control": {
                "description": f"The response may be kept by browsers and proxies for {MAX_AGE} seconds.",
                "schema": {"type": "string", "const": f"public, max-age={MAX_AGE}"},
            },
            "Access-Control-Allow-Origin": {
                "description": "Any site may read the response (without credentials).",
                "schema": {"type": "string", "const": "*"},
            },
            "Retry-After": {
                "description": "Seconds to wait before asking again.",
                "schema": {"type": "integer", "minimum": 1},
            },
        },
        "responses": {
            "NotModified": {
                "description": "Nothing changed since the ETag sent in If-None-Match.",
                "headers": {"ETag": _ref("headers", "ETag")},
            },
            "BadRequest": {"description": "A query parameter was refused; errors says which.", **error},
            "NotFound": {"description": "No such item, or a page past the last one.", **error},
            "TooManyRequests": {
                "description": "Too many requests from this address this minute.",
                "headers": {"Retry-After": _ref("headers", "Retry-After")},
                **error,
            },
        },
    }


def document(found: dict[str, Endpoint]) -> dict:
    components = _components()
    paths: dict = {
        "/openapi.json": {
            "get": {
                "operationId": "get_openapi_document",
                "summary": "This document",
                "tags": ["about"],
                "responses": {
                    "200": _ok({"type": "object"}, "The OpenAPI 3.1 document of this API."),
                    **_common_responses(),
                },
            }
        }
    }
    for endpoint in found.values():
        endpoint_paths, schemas = _paths_and_schemas(endpoint)
        paths.update(endpoint_paths)
        components["schemas"].update(schemas)
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "City of Sanctuary public data API",
            "version": VERSION,
            "summary": "Read-only JSON of what the platform's public pages show.",
            "description": (
                "The local group directory, the Local Authority Network register, the holders of "
                "Sanctuary Awards and the events groups run, as the public pages show them, "
                "paginated. No key is needed; "
                f"each address may make {settings.API_RATE_LIMIT_PER_MINUTE} requests a minute. "
                f"See {settings.SITE_URL}{reverse('api:index')} for how to use it."
            ),
            "license": {"name": CC_BY_4["title"], "identifier": CC_BY_4["name"]},
        },
        "servers": [{"url": server_url()}],
        "security": [],
        "tags": [{"name": name, "description": endpoint.title} for name, endpoint in found.items()]
        + [{"name": "about", "description": "About the API itself."}],
        "paths": paths,
        "components": components,
    }
