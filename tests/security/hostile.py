"""Hostile input for the property-based tests, and the checks every answer must pass.

What people (and attackers) type: long and odd unicode, control characters, right-to-left
overrides, look-alike letters, markup and template syntax, dates far in the past and the
future, impossible dates, URLs with other schemes. NUL characters are left out here: the
platform answers them with 400 before any form sees them (tests/security/test_hostile_input.py).
"""

from __future__ import annotations

import datetime as dt
import re

from django import forms
from django.utils.html import escape
from hypothesis import HealthCheck, event, settings
from hypothesis import strategies as st
from hypothesis.control import currently_in_test_context

# Few examples per property: each one is a full request, and the suite must stay fast.
EXAMPLES = settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

MARKUP = (
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "<b>bold</b>",
    "</textarea><svg onload=alert(1)>",
    "{{ request }}{% csrf_token %}",
)
# What must never reach a page, an email or a PDF as live markup.
RAW = ("<script>alert(1)</script>", "onerror=alert(1)>", "<b>bold</b>", "<svg onload")

ODD = (
    "\u202eevil\u202c",  # right-to-left override
    "Zo\u00eb \u0174elsh-\u2010 \U0001d538\U0001d539",
    "\x07\x1b[31m\x7f",
    '=HYPERLINK("http://x")',
    'O\'Brien & "Sons"',
    "\r\n\t  ",
)

_CHARACTERS = st.characters(codec="utf-8", exclude_categories=["Cs"], exclude_characters="\x00")


def text(max_size: int = 200) -> st.SearchStrategy[str]:
    """Any text a browser can send, with markup and odd characters mixed in."""
    plain = st.text(alphabet=_CHARACTERS, max_size=max_size)
    return st.one_of(
        plain,
        st.sampled_from(MARKUP + ODD),
        st.builds(
            lambda a, m, b: a + m + b,
            st.text(alphabet=_CHARACTERS, max_size=20),
            st.sampled_from(MARKUP),
            st.text(alphabet=_CHARACTERS, max_size=20),
        ),
        st.sampled_from(("a" * 10_000, "\u00e9" * 3_000)),
    )


def short_text() -> st.SearchStrategy[str]:
    """Hostile but acceptable for a required name or title: never blank, never too long."""
    return st.one_of(
        markup(),
        st.sampled_from([value for value in ODD if value.strip()]),
        st.text(alphabet=_CHARACTERS, min_size=1, max_size=60).filter(str.strip),
    )


def markup() -> st.SearchStrategy[str]:
    """Short text that always holds markup, for checking pages escape it."""
    return st.builds(
        lambda a, m: (a + " " + m).strip(), st.text(alphabet="abc XYZ", max_size=10), st.sampled_from(MARKUP)
    )


def date_text() -> st.SearchStrategy[str]:
    """Dates as a browser sends them: far past, far future, impossible, not dates at all."""
    return st.one_of(
        st.dates().map(lambda d: d.isoformat()),
        st.dates(min_value=dt.date(9990, 1, 1)).map(lambda d: d.isoformat()),
        st.dates(max_value=dt.date(10, 1, 1)).map(lambda d: d.isoformat()),
        st.sampled_from(
            (
                "0001-01-01",
                "1066-10-14",
                "1899-12-31",
                "9999-12-31",
                "9999-12-01",
                "2026-02-30",
                "2026-13-01",
                "yesterday",
                "",
                "31/12/2025",
                "-1",
                "2026-1-1",
                "\u0662\u0660\u0662\u0666-01-01",
            )
        ),
    )


def url_text() -> st.SearchStrategy[str]:
    return st.one_of(
        st.sampled_from(
            (
                "javascript:alert(1)",
                "JaVaScRiPt:alert(1)",
                "data:text/html,<script>alert(1)</script>",
                "file:///etc/passwd",
                "ftp://example.org/",
                "http://",
                "https://example.org/" + "a" * 3000,
                "https://example.org/<script>",
                "https://exa mple.org/",
                "//example.org/x",
                "https://\u0435xample.org/",
                "https://example.org/ok",
            )
        ),
        text(80),
    )


def number_text() -> st.SearchStrategy[str]:
    return st.one_of(
        st.integers().map(str),
        st.sampled_from(("-1", "0", "10" * 20, "1e309", "NaN", "inf", "3.5", "\u0663", "")),
    )


def mostly(valid: st.SearchStrategy, hostile: st.SearchStrategy) -> st.SearchStrategy:
    """Three times in four a value the form should accept: a form with several fields then
    still gets saved often enough for the "saved exactly, escaped everywhere" half to run."""
    return st.integers(min_value=0, max_value=3).flatmap(lambda n: hostile if n == 3 else valid)


def past_date() -> st.SearchStrategy[str]:
    return st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date.today() - dt.timedelta(days=1)).map(
        dt.date.isoformat
    )


GOOD_URLS = st.sampled_from(
    (
        "https://example.org/",
        "http://council.example.gov.uk/minutes?id=1&x=%3Cb%3E",
        "example.org/plan",
    )
)
GOOD_EMAILS = st.sampled_from(("a@example.org", '"<b>bold</b>"@example.org', "o'brien@example.org"))


def assert_no_live_markup(html: str) -> None:
    for raw in RAW:
        assert raw not in html, f"unescaped {raw!r} in the page"


def assert_shown_escaped(html: str, value: str) -> None:
    """``value`` appears on the page, escaped: word by word, since a page may turn its line
    breaks into ``<br>`` or run its spaces together."""
    for word in value.split():
        assert escape(word) in html, f"{word[:80]!r} is not shown (escaped) on the page"


def _field_error_spans(html: str, auto_id: str) -> str:
    """The error element tied to one field: crispy's ``error_<n>_<id>`` or Django's ``<id>_error``."""
    found = re.search(
        rf'id="(?:error_\d+_{re.escape(auto_id)}|{re.escape(auto_id)}_error)"[^>]*>(.{{0,2000}}?)</(?:p|span|ul)>',
        html,
        re.S,
    )
    return found.group(1) if found else ""


def assert_errors_beside_fields(response) -> None:
    """Bad input: the page comes back with each field's error next to that field."""
    form = response.context["form"]
    assert form.errors, "expected the form to be refused"
    html = response.content.decode()
    for name, errors in form.errors.items():
        if name == "__all__":
            for message in errors:
                assert escape(message) in html, f"form error {message!r} not shown"
            continue
        beside = _field_error_spans(html, form[name].auto_id)
        assert escape(errors[0]) in beside, f"error for {name} not shown beside it: {errors[0]!r}"


TEXT_INPUTS = frozenset({"text", "email", "url", "number", "date", "datetime-local", "search", "tel"})


def _holds_typed_text(widget) -> bool:
    return isinstance(widget, forms.Textarea) or getattr(widget, "input_type", None) in TEXT_INPUTS


def assert_typed_values_kept(response, data: dict[str, str]) -> None:
    """Everything typed into a text box comes back in it (escaped), so nothing is lost."""
    html = response.content.decode()
    form = response.context["form"]
    for name, value in data.items():
        field_name = name.removeprefix(f"{form.prefix}-") if form.prefix else name
        field = form.fields.get(field_name)
        if field is None or not isinstance(value, str) or not value.strip():
            continue
        if _holds_typed_text(field.widget):
            assert escape(value) in html, f"what was typed into {field_name} was lost"


def _note(what: str) -> None:
    """Count outcomes for ``--hypothesis-show-statistics``: both halves of a property must run."""
    if currently_in_test_context():
        event(what)


def submit(client, url: str, data: dict, *, snapshot, refused_status: int = 200):
    """POST ``data``; a refusal must explain itself beside each field, keep what was typed and
    leave ``snapshot()`` (the records the form could touch) as it was. Returns the response:
    a redirect means the input was accepted and the caller checks what was saved."""
    before = snapshot()
    response = client.post(url, data)
    assert response.status_code in (302, refused_status), f"POST {url} answered {response.status_code}"
    if response.status_code == refused_status:
        _note(f"refused: {', '.join(sorted(response.context['form'].errors))}")
        assert_errors_beside_fields(response)
        assert_typed_values_kept(response, data)
        assert snapshot() == before, "a refused form changed something"
    else:
        _note("saved")
    return response


def assert_pages_escape(client, urls, values) -> None:
    """Each page answers, shows no live markup, and shows each value escaped."""
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, f"GET {url} answered {response.status_code}"
        html = response.content.decode()
        assert_no_live_markup(html)
        for value in values:
            assert_shown_escaped(html, value)
