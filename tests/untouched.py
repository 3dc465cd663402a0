"""What a browser sends for a form nobody touched: each field's value as the page drew it.

A select sends its selected option, or its first one when none is marked; a checkbox or radio
sends only when drawn checked; text boxes send what they hold. Tests use it to prove that a
form chooses nothing for the person (``must_choose``): untouched, it must be refused.
"""

from __future__ import annotations

from html.parser import HTMLParser


class _FormReader(HTMLParser):
    def __init__(self, action: str | None) -> None:
        super().__init__(convert_charrefs=True)
        self.action = action
        self.in_form = False
        self.done = False
        self.data: dict[str, list[str]] = {}
        self._select: str | None = None
        self._options: list[tuple[str, bool]] = []
        self._option: dict | None = None
        self._textarea: str | None = None
        self._text = ""

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and not self.done and not self.in_form:
            self.in_form = attrs.get("method", "get").lower() == "post" and (
                self.action is None or attrs.get("action", "") == self.action
            )
            return
        if not self.in_form:
            return
        name = attrs.get("name")
        if tag == "input" and name and "disabled" not in attrs:
            kind = attrs.get("type", "text").lower()
            if kind in ("submit", "button", "image", "reset", "file"):
                return
            if kind in ("checkbox", "radio") and "checked" not in attrs:
                return
            default = "on" if kind in ("checkbox", "radio") else ""
            self.data.setdefault(name, []).append(attrs.get("value") or default)
        elif tag == "select" and name:
            self._select, self._options = name, []
        elif tag == "option" and self._select:
            self._option = {"value": attrs.get("value"), "selected": "selected" in attrs, "text": ""}
        elif tag == "textarea" and name:
            self._textarea, self._text = name, ""

    def handle_data(self, data):
        if self._option is not None:
            self._option["text"] += data
        if self._textarea is not None:
            self._text += data

    def handle_endtag(self, tag):
        if tag == "option" and self._option is not None:
            value = self._option["value"]
            if value is None:
                value = self._option["text"].strip()
            self._options.append((value, self._option["selected"]))
            self._option = None
        elif tag == "select" and self._select:
            # A select with no options at all (filled by script) sends nothing.
            chosen = [value for value, selected in self._options if selected] or [
                v for v, _s in self._options[:1]
            ]
            if chosen:
                self.data.setdefault(self._select, []).append(chosen[0])
            self._select = None
        elif tag == "textarea" and self._textarea:
            self.data.setdefault(self._textarea, []).append(self._text.removeprefix("\n"))
            self._textarea = None
        elif tag == "form" and self.in_form:
            self.in_form, self.done = False, True


def untouched(html: str, *, action: str | None = "") -> dict[str, str | list[str]]:
    """The fields of the page's first POST form to ``action`` (by default: the form that posts
    to the page itself; None: the first POST form whatever its action), untouched."""
    reader = _FormReader(action)
    reader.feed(html)
    return {name: values[0] if len(values) == 1 else values for name, values in reader.data.items()}
