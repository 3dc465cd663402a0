from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_not_required
from django.contrib.sitemaps.views import sitemap as sitemap_view
from django.core import signing
from django.http import Http404, HttpResponse, JsonResponse
from django.middleware.csrf import CsrfViewMiddleware
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_safe

from sanctuary import hooks, services
from sanctuary.health import platform_health
from sanctuary.permissions import staff_required
from sanctuary.sitemaps import sitemaps
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


# --- Pages for robots, search engines and security researchers ---------------------------------


@login_not_required
@require_safe
@cache_control(max_age=3600, public=True)
def robots_txt(request):
    return render(request, "robots.txt", {"site_url": settings.SITE_URL}, content_type="text/plain")


@login_not_required
@require_safe
@cache_control(max_age=3600, public=True)
def security_txt(request):
    """RFC 9116: who to tell about a vulnerability, until when this file may be trusted."""
    if settings.SECURITY_TXT_EXPIRES:
        expires = dt.datetime.fromisoformat(settings.SECURITY_TXT_EXPIRES)
        if expires.tzinfo is None:
            expires = expires.replace(tzinfo=dt.UTC)
    else:
        expires = timezone.now().replace(microsecond=0) + dt.timedelta(days=180)
    lines = [
        f"Contact: {settings.SECURITY_CONTACT}",
        f"Expires: {expires.astimezone(dt.UTC).strftime('%Y-%m-%dT%H:%M:%SZ')}",
        "Preferred-Languages: en",
        f"Canonical: {settings.SITE_URL}{reverse('security_txt')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@login_not_required
@require_safe
@cache_control(max_age=3600, public=True)
def sitemap_xml(request):
    return sitemap_view(request, sitemaps=sitemaps())


@login_not_required
@require_safe
def favicon(request):
    """Browsers ask for /favicon.ico whatever a page links to; the icon lives in the static files."""
    return redirect(static("favicon.ico"), permanent=True)


# --- Statements every visitor can read ----------------------------------------------------------


@login_not_required
@require_safe
def privacy(request):
    """The current privacy notice, and retention periods read from the settings themselves."""
    retention = [
        (
            _("Charter signatures never confirmed"),
            _("%(days)s days") % {"days": settings.CHARTER_UNCONFIRMED_PURGE_DAYS},
        ),
        (
            _("Messages sent through a group's contact form"),
            _("%(days)s days") % {"days": settings.GROUP_CONTACT_MESSAGE_DAYS},
        ),
        (
            _("Support records of a returnee whose case is closed"),
            _("anonymised %(days)s days after the case closes") % {"days": settings.RETURNEE_RETENTION_DAYS},
        ),
        (_("Confirmed charter signatures and campaign pledges"), _("until you withdraw them")),
        (_("Your account and what you logged with it"), _("until you close your account")),
    ]
    return render(
        request,
        "sanctuary/privacy.html",
        {"notice": services.privacy_notice_current(), "retention": retention},
    )


@login_not_required
@require_safe
def accessibility(request):
    return render(
        request, "sanctuary/accessibility.html", {"contact_email": settings.ACCESSIBILITY_CONTACT_EMAIL}
    )
