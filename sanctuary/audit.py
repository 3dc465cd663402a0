"""Writing the audit log (state changes) and the access log (sensitive reads).

Services call :func:`audit_record` for every state change; views that show sensitive
records call :func:`access_record`. Neither takes free text about people.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from django.db import models

from sanctuary.models import AccessLog, AuditEvent


def client_ip(request) -> str | None:
    """The client address as seen by Django (the proxy sets REMOTE_ADDR via gunicorn)."""
    if request is None:
        return None
    return request.META.get("REMOTE_ADDR") or None


def _object_ref(obj: models.Model | None, object_type: str | None) -> tuple[str, str]:
    if obj is None:
        return object_type or "", ""
    return object_type or obj._meta.label_lower, str(obj.pk)


def audit_record(
    *,
    actor,
    action: str,
    obj: models.Model | None = None,
    object_type: str | None = None,
    detail: dict[str, Any] | None = None,
    request=None,
    ip_address: str | None = None,
) -> AuditEvent:
    kind, pk = _object_ref(obj, object_type)
    return AuditEvent.objects.create(
        actor=actor if getattr(actor, "pk", None) else None,
        action=action,
        object_type=kind,
        object_id=pk,
        detail=detail or {},
        ip_address=ip_address or client_ip(request),
    )


def audit_record_many(
    *,
    actor,
    action: str,
    objects: Iterable[models.Model],
    detail: dict[str, Any] | Callable[[models.Model], dict[str, Any]] | None = None,
    request=None,
) -> list[AuditEvent]:
    """:func:`audit_record` of one action on many objects, in one query (a sweep's batch).

    ``detail`` is the same for every row, or a function giving each object's own.
    """
    detail_of = detail if callable(detail) else (lambda _obj: detail or {})
    return AuditEvent.objects.bulk_create(
        AuditEvent(
            actor=actor if getattr(actor, "pk", None) else None,
            action=action,
            object_type=obj._meta.label_lower,
            object_id=str(obj.pk),
            detail=detail_of(obj),
            ip_address=client_ip(request),
        )
        for obj in objects
    )


def access_record(
    *,
    request,
    kind: str,
    obj: models.Model | None = None,
    object_type: str | None = None,
) -> AccessLog:
    object_kind, pk = _object_ref(obj, object_type)
    match = getattr(request, "resolver_match", None)
    return AccessLog.objects.create(
        user=request.user if request.user.is_authenticated else None,
        kind=kind,
        object_type=object_kind,
        object_id=pk,
        view_name=(match.view_name if match else "")[:120],
        ip_address=client_ip(request),
        user_agent=request.META.get("HTTP_USER_AGENT", "")[:200],
    )
