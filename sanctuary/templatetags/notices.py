"""Plain-text notices (the privacy notice) as HTML, with every character of the text escaped.

``## `` starts a heading, ``- `` a list item, a blank line a new paragraph; web addresses
become links. Staff write the text in the admin; nothing they type is taken as markup.
"""

from __future__ import annotations

from django import template
from django.utils.html import escape, format_html, urlize
from django.utils.safestring import SafeString, mark_safe

register = template.Library()


def _inline(text: str) -> str:
    return urlize(escape(text), nofollow=True, autoescape=False)


@register.filter
def notice_html(text: str) -> SafeString:
    parts: list[str] = []
    for block in (text or "").replace("\r\n", "\n").split("\n\n"):
        lines = [line.strip() for line in block.strip().split("\n") if line.strip()]
        if not lines:
            continue
        if len(lines) == 1 and lines[0].startswith("## "):
            parts.append(format_html("<h2>{}</h2>", lines[0][3:].strip()))
        elif all(line.startswith("- ") for line in lines):
            items = "".join(f"<li>{_inline(line[2:])}</li>" for line in lines)
            parts.append(f"<ul>{items}</ul>")
        else:
            parts.append("<p>" + "<br>".join(_inline(line) for line in lines) + "</p>")
    return mark_safe("\n".join(parts))  # noqa: S308 - every piece of the text was escaped above
