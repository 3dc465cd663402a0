"""The one place the platform fetches a resource's external link, to see whether it still works.

``fetch_status(url)`` answers the HTTP status the link ends on, or None when nothing usable came
back (no answer within the timeout, a refused connection, a redirect somewhere we will not go).
It asks with HEAD first and falls back to GET, because some sites refuse HEAD. Redirects are
followed (a few) only while every hop stays on http(s) and on a public address, so a link that
staff typed cannot be turned into a request to the platform's own network.

Tests point it at a local HTTP server: ``RESOURCES_LINKCHECK_ALLOWED_NETWORKS`` lists networks
that are allowed even though they are private (none in production).
"""

from __future__ import annotations

import http.client
import ipaddress
import socket
import urllib.error
import urllib.request
from urllib.parse import urlsplit

from django.conf import settings

MAX_REDIRECTS = 5
USER_AGENT = "SanctuaryLinkCheck/1.0 (+resource library link check)"
# Statuses after which a GET is worth trying: servers that do not implement or allow HEAD.
_TRY_GET_AFTER = {403, 404, 405, 501}


class Forbidden(Exception):
    """The link (or a redirect) points somewhere the checker will not go."""


def _allowed_networks() -> list[ipaddress.IPv4Network | ipaddress.IPv6Network]:
    return [ipaddress.ip_network(n) for n in getattr(settings, "RESOURCES_LINKCHECK_ALLOWED_NETWORKS", [])]


def _public_addresses(host: str, port: int) -> list[tuple]:
    """``host``'s addresses, refused whole unless every one is public (or explicitly allowed)."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise Forbidden(host) from exc
    allowed = _allowed_networks()
    for info in infos:
        address = ipaddress.ip_address(info[4][0].split("%", 1)[0])
        if not address.is_global and not any(address in network for network in allowed):
            raise Forbidden(host)
    return infos


def check_destination(url: str) -> None:
    """Refuse anything but http(s) to hosts whose every address is public (or explicitly allowed).
    The connection itself checks again, on the addresses it connects to (``_connect``)."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise Forbidden(url)
    _public_addresses(parts.hostname, parts.port or (443 if parts.scheme == "https" else 80))


def _connect(host: str, port: int, timeout) -> socket.socket:
    """A connection to one of ``host``'s addresses, checked in the same lookup that connects: a
    name that answers a public address to a first lookup and a private one to the next (DNS
    rebinding) cannot slip a request through to the platform's own network."""
    error: OSError | None = None
    for family, kind, proto, _name, address in _public_addresses(host, port):
        sock = socket.socket(family, kind, proto)
        if timeout is not socket._GLOBAL_DEFAULT_TIMEOUT:
            sock.settimeout(timeout)
        try:
            sock.connect(address)
        except OSError as exc:
            sock.close()
            error = exc
            continue
        return sock
    raise error or OSError(f"no address for {host}")


class _CheckedHTTPConnection(http.client.HTTPConnection):
    def connect(self):
        self.sock = _connect(self.host, self.port, self.timeout)


class _CheckedHTTPSConnection(http.client.HTTPSConnection):
    def connect(self):
        sock = _connect(self.host, self.port, self.timeout)
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)


class _CheckedHTTPHandler(urllib.request.HTTPHandler):
    def http_open(self, req):
        return self.do_open(_CheckedHTTPConnection, req)


class _CheckedHTTPSHandler(urllib.request.HTTPSHandler):
    def https_open(self, req):
        return self.do_open(_CheckedHTTPSConnection, req, context=self._context)


class _CheckedRedirects(urllib.request.HTTPRedirectHandler):
    max_redirections = MAX_REDIRECTS

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        check_destination(newurl)
        new = super().redirect_request(req, fp, code, msg, headers, newurl)
        if new is not None:
            # urllib turns a redirected HEAD into a GET; keep asking the same way.
            new.method = req.get_method()
        return new


def _opener() -> urllib.request.OpenerDirector:
    # No proxy from the environment: the destination check must be about the real destination.
    return urllib.request.build_opener(
        urllib.request.ProxyHandler({}), _CheckedHTTPHandler(), _CheckedHTTPSHandler(), _CheckedRedirects()
    )


_TIMED_OUT = -1


def _ask(url: str, method: str, timeout: float) -> int | None:
    """The status, None when nothing usable answered, ``_TIMED_OUT`` when the site was too slow."""
    # Only http(s): check_destination has refused every other scheme, for each hop too.
    request = urllib.request.Request(url, method=method, headers={"User-Agent": USER_AGENT})  # noqa: S310
    try:
        with _opener().open(request, timeout=timeout) as response:
            if method == "GET":
                response.read(1024)
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except urllib.error.URLError as error:
        return _TIMED_OUT if isinstance(error.reason, TimeoutError) else None
    except TimeoutError:
        return _TIMED_OUT
    except (Forbidden, OSError, ValueError):
        # Refused connections, resets, a malformed URL.
        return None


def fetch_status(url: str, *, timeout: float | None = None) -> int | None:
    """The HTTP status ``url`` ends on after checked redirects, or None if there is no answer."""
    timeout = timeout if timeout is not None else settings.RESOURCES_LINKCHECK_TIMEOUT
    try:
        check_destination(url)
    except Forbidden:
        return None
    status = _ask(url, "HEAD", timeout)
    if status == _TIMED_OUT:
        return None  # a site too slow for HEAD is not asked again: the sweep has many to check
    if status is None or status in _TRY_GET_AFTER:
        second = _ask(url, "GET", timeout)
        if second not in (None, _TIMED_OUT):
            return second
    return status


def is_broken(status: int | None) -> bool:
    return status is None or status >= 400
