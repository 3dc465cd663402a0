"""A page's weight on a first visit: what a browser with an empty cache downloads to show it.

The page and everything it loads: stylesheets, scripts, images, the icon and fonts, plus what the
stylesheets themselves load (``url(...)``, ``@import``), each fetched once, as a browser would,
with ``Accept-Encoding: br, gzip``. The size is the bytes on the wire: the body as sent (compressed
when the server compressed it) and the response's header lines, as the browser's
``transferSize`` counts them.

`make bench` measures the pages over HTTP from gunicorn in production mode
(bench/run.py, ``--only weight``); tests/sanctuary/test_page_weight.py measures the same pages
through Django's test client with production's static files. Both use :func:`page_weight`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

TARGET_BYTES = 100 * 1024
ACCEPT_ENCODING = "br, gzip"

# fetch(path, headers) -> (status, response headers as (name, value) pairs, body as sent)
Fetch = Callable[[str, dict[str, str]], tuple[int, list[tuple[str, str]], bytes]]


@dataclass
class Download:
    path: str
    kind: str
    status: int
    bytes: int
    encoding: str


@dataclass
class Weight:
    page: str
    downloads: list[Download] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(d.bytes for d in self.downloads)

    @property
    def ok(self) -> bool:
        return self.total <= TARGET_BYTES and all(d.status == 200 for d in self.downloads)

    def as_json(self) -> dict:
        return {
            "bytes": self.total,
            "kb": round(self.total / 1024, 1),
            "requests": len(self.downloads),
            "target_kb": TARGET_BYTES // 1024,
            "ok": self.ok,
            "downloads": [d.__dict__ for d in self.downloads],
        }


class _Subresources(HTMLParser):
    """What a browser fetches to show the page (the first icon it is offered, as Chromium does)."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, str]] = []
        self._icon = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {name: value or "" for name, value in attrs}
        rel = a.get("rel", "").lower().split()
        if tag == "link" and "stylesheet" in rel and a.get("href"):
            self.found.append(("css", a["href"]))
        elif tag == "link" and "icon" in rel and a.get("href") and not self._icon:
            self._icon = True
            self.found.append(("icon", a["href"]))
        elif tag == "link" and "preload" in rel and a.get("href"):
            self.found.append((a.get("as", "preload"), a["href"]))
        elif tag == "script" and a.get("src"):
            self.found.append(("js", a["src"]))
        elif tag in ("img", "source") and (a.get("src") or a.get("srcset")):
            self.found.append(("image", (a.get("src") or a["srcset"].split()[0])))
        elif tag == "image" and (a.get("href") or a.get("xlink:href")):  # inline SVG
            self.found.append(("image", a.get("href") or a["xlink:href"]))


_CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+)['"]?\s*\)|@import\s+['"]([^'"]+)['"]""")


def _css_references(css: bytes) -> list[str]:
    return [a or b for a, b in _CSS_URL.findall(css.decode("utf-8", "replace"))]


def _header_bytes(status: int, headers: list[tuple[str, str]]) -> int:
    return len(f"HTTP/1.1 {status}\r\n") + sum(len(f"{k}: {v}\r\n") for k, v in headers) + 2


def _decoded(body: bytes, encoding: str) -> bytes:
    if encoding == "br":
        import brotli

        return brotli.decompress(body)
    if encoding == "gzip":
        import gzip

        return gzip.decompress(body)
    return body


def page_weight(fetch: Fetch, path: str, *, name: str | None = None, headers: dict | None = None) -> Weight:
    """Fetch ``path`` and every same-site resource it loads once; the bytes that crossed the wire."""
    request_headers = {"Accept-Encoding": ACCEPT_ENCODING, **(headers or {})}
    weight = Weight(page=name or path)
    queue: list[tuple[str, str]] = [("html", path)]
    seen: set[str] = set()
    while queue:
        kind, url = queue.pop(0)
        if url.startswith("data:"):
            continue  # inline: already counted in the file that holds it
        parts = urlsplit(url)
        if parts.scheme or parts.netloc:
            raise AssertionError(f"{path} loads {url} from elsewhere: every resource must be served here")
        if url in seen:
            continue
        seen.add(url)
        status, response_headers, body = fetch(url, request_headers)
        lowered = {k.lower(): v for k, v in response_headers}
        encoding = lowered.get("content-encoding", "")
        weight.downloads.append(
            Download(url, kind, status, len(body) + _header_bytes(status, response_headers), encoding)
        )
        if kind == "html":
            parser = _Subresources()
            parser.feed(_decoded(body, encoding).decode("utf-8", "replace"))
            queue.extend((k, urljoin(url, ref)) for k, ref in parser.found)
        elif kind == "css":
            queue.extend(("css-url", urljoin(url, ref)) for ref in _css_references(_decoded(body, encoding)))
    return weight


def report(weights: list[Weight]) -> str:
    lines = [f"{'first visit (empty cache)':32} {'requests':>8} {'KB':>8} {'target':>8}  ok"]
    for weight in weights:
        ok = "yes" if weight.ok else "NO"
        lines.append(
            f"{weight.page:32} {len(weight.downloads):>8} {weight.total / 1024:>8.1f} "
            f"{TARGET_BYTES // 1024:>8}  {ok}"
        )
    return "\n".join(lines)
