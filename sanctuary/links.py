"""Links for long lists: reverse a URL once, then fill in each row's part.

``reverse`` costs more than the rest of a table row's rendering, and a list page links every
row once or twice; a ``{% url %}`` tag per row made it the largest part of such pages.
"""

from __future__ import annotations

from urllib.parse import quote

from django.urls import reverse

# A value every URL converter the platform uses accepts (int, slug, str); it stands for the
# row's own value, which must be the last argument of the URL.
_SLOT = 918273645
# What reverse() leaves unquoted in a path (django.urls.resolvers).
_SAFE = "!$&'()*+,;=/~:@"


class LinkPattern:
    def __init__(self, viewname: str, *args) -> None:
        self._before, _slot, self._after = reverse(viewname, args=[*args, _SLOT]).rpartition(str(_SLOT))

    def __call__(self, value) -> str:
        return f"{self._before}{quote(str(value), safe=_SAFE)}{self._after}"
