"""Writing the audit log (state changes) and the access log (sensitive reads).

Services call :func:`audit_record` for every state change; views that show sensitive
records call :func:`access_record`. Neither takes free text about people.

Every action name is declared once, in its app's ``audit_actions.py`` (``ACTIONS``), with one
grammar: ``<app label>.<thing>_<past participle>`` (``awards.review_reopened``). Writing an
undeclared name fails at once, so the log never gains a name that reports do not know.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import cache
from importlib import import_module
from typing import Any

from django.apps import apps
from django.db import models

from sanctuary.models import AccessLog, AuditEvent

# Past participles that do not end in -ed.
_IRREGULAR = ("made", "given", "set", "left", "sent", "withdrawn", "taken", "kept", "held", "chosen")
ACTION_GRAMMAR = re.compile(rf"^(?P<app>[a-z_]+)\.[a-z]+(?:_[a-z]+)*_(?:[a-z]+ed|{'|'.join(_IRREGULAR)})$")


class UndeclaredAction(ValueError):
    """An audit action that no app's ``audit_actions.py`` declares."""


@cache
def declared_actions() -> dict[str, str]:
    """Every declared action name, with the app that declares it. A name outside the grammar,
    or under another app's label, is refused here, when the lists are first read."""
    declared: dict[str, str] = {}
    for config in apps.get_app_configs():
        try:
            module = import_module(f"{config.name}.audit_actions")
        except ModuleNotFoundError as error:
            if error.name == f"{config.name}.audit_actions":
                continue
            raise
        for action in module.ACTIONS:
            match = ACTION_GRAMMAR.match(action)
            if not match or match["app"] != config.label or action in declared:
                raise UndeclaredAction(f"{config.name}: {action!r} breaks the audit action grammar.")
            declared[action] = config.label
    return declared


def check_action(action: str) -> str:
    if action not in declared_actions():
        app = action.split(".", 1)[0]
        raise UndeclaredAction(f"Declare {action!r} in {app}/audit_actions.py before writing it.")
    return action


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
        action=check_action(action),
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
    check_action(action)
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
