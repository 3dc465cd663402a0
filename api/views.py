"""``/api/``: the read-only JSON API (``/api/v1/``) and the page that explains it.

Every JSON response carries an ``ETag`` and may be kept for a few minutes, as the open data files
are (``sanctuary.opendata``); the first pages of each list are also kept in the shared cache until
the data under them changes (``sanctuary.figures_cache``), unless they are searched by free text,
so visitors cannot fill the cache with keys of their own making.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.core.paginator import EmptyPage, Paginator
from django.http import JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_safe

from api import openapi
from api.endpoints import Endpoint, endpoints
from api.http import RATE_WINDOW_SECONDS, json_error, public_api
from sanctuary.figures_cache import cached_figures
from sanctuary.opendata import CC_BY_4, MAX_AGE, conditional_response

CACHED_PAGES = 20
_WHOLE = re.compile(r"[0-9]{1,6}")


def _json(payload) -> JsonResponse:
    return JsonResponse(payload, safe=False)


def _whole(request, name: str, default: int, maximum: int | None, errors: dict[str, str]) -> int:
    given = request.GET.get(name, "").strip()
    if not given:
        return default
    if not _WHOLE.fullmatch(given) or int(given) < 1 or (maximum and int(given) > maximum):
        limit = f" from 1 to {maximum}" if maximum else " from 1"
        errors[name] = f"Must be a whole number{limit}."
        return default
    return int(given)


def _filters(request, endpoint: Endpoint, errors: dict[str, str]) -> dict[str, Any]:
    chosen: dict[str, Any] = {}
    for f in endpoint.filters:
        value = request.GET.get(f.name, "").strip()
        if not value:
            continue
        if f.choices and value not in f.choices:
            errors[f.name] = f"Must be one of: {', '.join(f.choices)}."
        elif len(value) > f.max_length:
            errors[f.name] = f"At most {f.max_length} characters."
        elif f.clean is not None:
            try:
                chosen[f.name] = f.clean(value)
            except ValueError as exc:
                errors[f.name] = str(exc)
        else:
            chosen[f.name] = value
    return chosen


def _link(endpoint: Endpoint, given: dict[str, str], page: int, limit: int) -> str:
    params = {**given, "page": page}
    if limit != openapi.DEFAULT_LIMIT:
        params["limit"] = limit
    return f"{settings.SITE_URL}{reverse('api:list', args=[endpoint.name])}?{urlencode(params)}"


def _page(
    endpoint: Endpoint, filters: dict[str, Any], given: dict[str, str], page: int, limit: int
) -> dict | None:
    """One page of the list as it is sent, or None when the page is past the last one. ``filters``
    are the cleaned values, ``given`` the same as they were asked for (for the links)."""
    paginator = Paginator(endpoint.items(filters), limit)
    try:
        found = paginator.page(page)
    except EmptyPage:
        return None
    return {
        "count": paginator.count,
        "page": page,
        "limit": limit,
        "next": _link(endpoint, given, page + 1, limit) if found.has_next() else None,
        "previous": _link(endpoint, given, page - 1, limit) if found.has_previous() else None,
        "results": [endpoint.item(endpoint.row(item)) for item in found.object_list],
    }


@public_api
def endpoint_list(request, name: str):
    endpoint = endpoints().get(name)
    if endpoint is None:
        return json_error(404, "There is no such list in this API.")
    errors: dict[str, str] = {}
    filters = _filters(request, endpoint, errors)
    page = _whole(request, "page", 1, None, errors)
    limit = _whole(request, "limit", openapi.DEFAULT_LIMIT, openapi.MAX_LIMIT, errors)
    if errors:
        return json_error(400, "Some query parameters were refused.", errors)

    given = {param: request.GET[param].strip() for param in filters}

    def compute() -> dict | None:
        return _page(endpoint, filters, given, page, limit)

    searched = any(f.free_text and f.name in filters for f in endpoint.filters)
    if endpoint.cache_topic and not searched and page <= CACHED_PAGES:
        # Keyed by the day too: which awards and memberships are current depends on it.
        day = timezone.localdate().isoformat()
        key = f"api:{endpoint.name}:{day}:{urlencode(sorted(given.items()))}:{page}:{limit}"
        payload = cached_figures(endpoint.cache_topic, key, compute)
    else:
        payload = compute()
    if payload is None:
        return json_error(404, "This page is past the last one.")
    return conditional_response(request, payload, lambda: _json(payload))


@public_api
def endpoint_detail(request, name: str, key: str):
    endpoint = endpoints().get(name)
    row = endpoint.detail.get(key) if endpoint is not None and endpoint.detail is not None else None
    if row is None:
        return json_error(404, "There is no such item in this API.")
    payload = endpoint.detail_item(row)
    return conditional_response(request, payload, lambda: _json(payload))


@public_api
def openapi_document(request):
    document = openapi.document(endpoints())
    return conditional_response(
        request, document, lambda: JsonResponse(document, json_dumps_params={"indent": 2})
    )


@login_not_required
@require_safe
def index(request):
    found = endpoints()
    return render(
        request,
        "api/index.html",
        {
            "endpoints": list(found.values()),
            "server_url": openapi.server_url(),
            "licence": CC_BY_4,
            "rate_limit": settings.API_RATE_LIMIT_PER_MINUTE,
            "rate_window": RATE_WINDOW_SECONDS,
            "default_limit": openapi.DEFAULT_LIMIT,
            "max_limit": openapi.MAX_LIMIT,
            "max_age": MAX_AGE,
        },
    )
