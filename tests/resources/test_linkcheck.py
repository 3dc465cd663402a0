"""The weekly link check asks a real (local) web server through the one fetcher, and staff see what broke."""

from __future__ import annotations

import datetime as dt
import http.server
import socket
import threading
import time

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from resources import linkcheck
from resources.models import Resource
from resources.tasks import link_check_sweep
from sanctuary.models import AuditEvent, SweepRun
from tests.resources.factories import make_resource

pytestmark = pytest.mark.django_db


class Handler(http.server.BaseHTTPRequestHandler):
    """/ok answers 200, /gone 404, /slow too late, /no-head refuses HEAD but answers GET,
    /to-ok redirects to /ok, /to-private redirects to a private address."""

    requests = 0

    def _answer(self, with_body: bool) -> None:
        Handler.requests += 1
        path = self.path
        if path == "/slow":
            time.sleep(2)
        if path == "/no-head" and self.command == "HEAD":
            self.send_response(405)
        elif path in ("/ok", "/slow", "/no-head"):
            self.send_response(200)
        elif path == "/to-ok":
            self.send_response(302)
            self.send_header("Location", "/ok")
        elif path == "/to-private":
            self.send_response(302)
            self.send_header("Location", "http://10.255.255.1/admin")
        else:
            self.send_response(404)
        self.send_header("Content-Length", "2" if with_body else "0")
        self.end_headers()
        if with_body and self.command == "GET":
            self.wfile.write(b"ok")

    def do_HEAD(self):
        self._answer(with_body=False)

    def do_GET(self):
        self._answer(with_body=True)

    def log_message(self, *args):
        pass


@pytest.fixture
def site(settings):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.RESOURCES_LINKCHECK_ALLOWED_NETWORKS = ["127.0.0.1/32"]
    settings.RESOURCES_LINKCHECK_TIMEOUT = 1
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_the_fetcher_reports_what_the_site_answers(site):
    assert linkcheck.fetch_status(f"{site}/ok") == 200
    assert linkcheck.fetch_status(f"{site}/gone") == 404
    assert linkcheck.fetch_status(f"{site}/no-head") == 200  # GET after a refused HEAD
    assert linkcheck.fetch_status(f"{site}/to-ok") == 200
    assert linkcheck.fetch_status(f"{site}/slow") is None  # no answer within the timeout


def test_the_fetcher_never_goes_to_a_private_address(site, settings):
    assert linkcheck.fetch_status(f"{site}/to-private") is None
    settings.RESOURCES_LINKCHECK_ALLOWED_NETWORKS = []
    assert linkcheck.fetch_status(f"{site}/ok") is None  # the local server itself is private
    assert linkcheck.fetch_status("file:///etc/passwd") is None
    assert linkcheck.fetch_status("http://169.254.169.254/latest/meta-data/") is None


def test_the_weekly_job_records_broken_links_and_staff_see_them(site, client_for, national_staff):
    ok = make_resource(national_staff, title="Working link", url=f"{site}/ok")
    gone = make_resource(national_staff, title="Gone link", url=f"{site}/gone")
    slow = make_resource(national_staff, title="Slow link", url=f"{site}/slow")
    filed = make_resource(national_staff, title="A file", file=True)
    result = link_check_sweep()
    assert result["checked"] == 3 and result["broken"] == 2 and result["newly_broken"] == 2
    assert SweepRun.objects.get(name="resources.tasks.link_check_sweep").last_finished_at is not None
    for resource in (ok, gone, slow, filed):
        resource.refresh_from_db()
    assert ok.link_status == 200 and ok.link_broken_since is None and ok.link_checked_at
    assert gone.link_status == 404 and gone.link_broken_since
    assert slow.link_status is None and slow.link_broken_since
    assert filed.link_checked_at is None
    page = client_for(national_staff).get(reverse("resources:broken_links")).content.decode()
    assert "Gone link" in page and "HTTP 404" in page and "Slow link" in page and "No answer" in page
    assert "Working link" not in page
    assert AuditEvent.objects.filter(action="resources.links_checked").count() == 1


def test_a_link_stays_broken_from_its_first_failure_until_it_works_again(site, national_staff):
    from resources import services

    resource = make_resource(national_staff, url=f"{site}/gone")
    link_check_sweep()
    resource.refresh_from_db()
    first_broken = resource.link_broken_since
    services.links_check(now=timezone.now() + dt.timedelta(days=8))
    resource.refresh_from_db()
    assert resource.link_checked_at > first_broken
    assert resource.link_broken_since == first_broken
    services.resource_update(resource=resource, actor=national_staff, data={}, url=f"{site}/ok")
    resource.refresh_from_db()
    assert (
        resource.link_broken_since is None and resource.link_checked_at is None
    )  # a new link starts unchecked
    result = link_check_sweep()
    resource.refresh_from_db()
    assert result["broken"] == 0 and resource.link_status == 200


def test_archived_resources_are_not_checked(site, national_staff):
    from resources import services

    resource = make_resource(national_staff, url=f"{site}/gone")
    services.resource_archive(resource=resource, actor=national_staff)
    assert link_check_sweep()["checked"] == 0
    assert Resource.objects.get(pk=resource.pk).link_checked_at is None


@override_settings(RESOURCES_LINKCHECK_BATCH=2)
def test_each_run_takes_a_bounded_batch_of_the_links_due_so_a_large_library_never_overruns(
    site, national_staff
):
    from resources import services

    first, second, third = (
        make_resource(national_staff, title=f"Guide {n}", url=f"{site}/ok") for n in range(3)
    )
    now = timezone.now()
    assert services.links_check(now=now)["checked"] == 2
    # The next run takes what the last one left; links checked this week wait for next week.
    assert services.links_check(now=now + dt.timedelta(hours=1))["checked"] == 1
    assert services.links_check(now=now + dt.timedelta(days=1))["checked"] == 0
    checked = {
        r.title: r.link_checked_at for r in Resource.objects.filter(pk__in=[first.pk, second.pk, third.pk])
    }
    assert all(checked.values())
    week_later = now + dt.timedelta(days=7, hours=2)
    assert services.links_check(now=week_later)["checked"] == 2
    assert services.links_check(now=week_later)["checked"] == 1


def test_a_name_that_answers_public_then_private_never_reaches_the_private_address(
    site, settings, monkeypatch
):
    """DNS rebinding: the address the checker connects to is the one it checked."""
    port = int(site.rsplit(":", 1)[1])
    settings.RESOURCES_LINKCHECK_ALLOWED_NETWORKS = []  # the local server is private again
    seen = []
    real_getaddrinfo = socket.getaddrinfo

    def rebinding_dns(host, *args, **kwargs):
        if host != "rebind.example":
            return real_getaddrinfo(host, *args, **kwargs)
        seen.append(host)
        address = "93.184.215.14" if len(seen) == 1 else "127.0.0.1"  # public, then private
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (address, port))]

    monkeypatch.setattr(socket, "getaddrinfo", rebinding_dns)
    requests_before = Handler.requests
    assert linkcheck.fetch_status(f"http://rebind.example:{port}/ok") is None
    assert Handler.requests == requests_before  # the local server was never asked
