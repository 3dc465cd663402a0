from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from sanctuary import hooks
from sanctuary.health import platform_health
from sanctuary.permissions import staff_required


@login_not_required
@require_safe
def home(request):
    return render(request, "home.html", {"figures": hooks.collect("home_figures")})


@never_cache
def dashboard(request):
    return render(request, "dashboard.html", {"panels": hooks.panels("dashboard_panels", request)})


@login_not_required
@never_cache
@require_safe
def healthz(request):
    """Every dependency, every scheduled job and the outbox; 503 naming what is wrong."""
    health = platform_health()
    return JsonResponse(health.as_json(), status=200 if health.healthy else 503)


@staff_required
@never_cache
@require_safe
def system_status(request):
    """The same facts as /healthz, for national staff to read."""
    return render(request, "system_status.html", {"health": platform_health()})
