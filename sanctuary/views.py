from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_not_required
from django.core import signing
from django.http import Http404, JsonResponse
from django.middleware.csrf import CsrfViewMiddleware
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_safe

from sanctuary import hooks
from sanctuary.health import platform_health
from sanctuary.permissions import staff_required
from sanctuary.unsubscribe import topics, unsubscribe_read


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


@login_not_required
@csrf_exempt  # only the one-click POST goes without a token: see _csrf_refusal
@never_cache
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    """Stop one kind of recurring email; opened from that email, the signed link is the authority.

    A GET only shows a button (mail scanners follow links and must change nothing). A mail
    program's one-click POST (RFC 8058: ``List-Unsubscribe=One-Click`` in the body, no cookies,
    no CSRF token) unsubscribes at once; any other POST must carry the page's CSRF token.
    Pressing it again changes nothing more and answers the same.
    """
    try:
        user_id, key = unsubscribe_read(token)
    except signing.BadSignature as error:
        raise Http404 from error
    topic = topics().get(key)
    person = get_user_model().objects.filter(pk=user_id).first()
    if topic is None or person is None:
        raise Http404
    if request.method == "POST":
        one_click = request.POST.get("List-Unsubscribe") == "One-Click"
        if not one_click and (refusal := _csrf_refusal(request)) is not None:
            return refusal
        topic.stop(user=person, request=request)
        return render(request, "sanctuary/unsubscribed.html", {"topic": topic})
    return render(request, "sanctuary/unsubscribe.html", {"topic": topic})


def _csrf_refusal(request):
    """The CSRF check the middleware skipped for this view, for every POST but the one-click one."""
    return CsrfViewMiddleware(lambda _request: None).process_view(request, None, (), {})
