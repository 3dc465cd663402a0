from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.core.cache import cache
from django.db import connection
from django.db.models import Max
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from sanctuary import hooks
from sanctuary.models import SweepRun


@login_not_required
@require_safe
def home(request):
    return render(request, "home.html", {"figures": hooks.collect("home_figures")})


@never_cache
def dashboard(request):
    return render(request, "dashboard.html", {"panels": hooks.panels("dashboard_panels", request)})


def _check_database() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:
        return False
    return True


def _check_cache() -> bool:
    try:
        cache.set("healthz", "ok", 10)
        return cache.get("healthz") == "ok"
    except Exception:
        return False


def _check_broker() -> bool | None:
    from sanctuary.celery import app

    if app.conf.task_always_eager:
        return None  # no broker configured: tasks run in-process
    try:
        with app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
    except Exception:
        return False
    return True


@login_not_required
@never_cache
@require_safe
def healthz(request):
    """Reachability of each dependency and when a scheduled sweep last finished."""
    database = _check_database()
    checks = {"database": database, "cache": _check_cache(), "broker": _check_broker()}
    last_sweep = None
    if database:
        last_sweep = SweepRun.objects.aggregate(last=Max("last_finished_at"))["last"]
    healthy = all(value is not False for value in checks.values())
    body = {
        "status": "ok" if healthy else "unavailable",
        "checks": {name: ("ok" if v else "skipped" if v is None else "down") for name, v in checks.items()},
        "last_sweep_at": last_sweep.isoformat() if last_sweep else None,
    }
    return JsonResponse(body, status=200 if healthy else 503)
