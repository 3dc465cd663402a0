"""The permission matrix: one ``Entry`` per named URL, kept per app in ``matrix_<app>.py``.

Each ``matrix_<app>.py`` module defines ``MATRIX = {url_name: Entry(...)}``; every module of
that name in this package is loaded, so a new app adds its own module.

Outcome classes (see ``outcomes.classify``): "ok" (2xx, or a redirect that is not to login,
MFA or re-authentication), "login", "mfa", "reauth" (allowed, pending re-authentication),
"404", "403", "method" (405: the view only takes POST).
"""

from __future__ import annotations

import pkgutil
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import import_module

from tests.security.world import ROLES

SIGNED_IN = frozenset(ROLES) - {"anonymous"}
PUBLIC = frozenset(ROLES)


@dataclass(frozen=True)
class Entry:
    """How to build a URL from one side of the world, and who may open it.

    ``allow``: the roles that may use the view (a role outside it must get a 404).
    ``anonymous``: what a visitor who is not signed in gets when not in ``allow``
    ("login" for private views, "404" for a public view of a private file).
    ``denied``: what a signed-in role outside ``allow`` gets: "404", or "403" for a page
    about a public thing that explains why this person cannot use it (no existence leak).
    ``reauth``: allowed roles are first sent to re-authenticate (sensitive action).
    ``post_only``: GET answers 405 for everybody; denial is proven by POST.
    ``bugs``: role -> reason, for a known access bug (the case is a strict xfail).
    ``record``: the entry names a protected record of side A (object reference test).
    """

    kwargs: Callable
    allow: frozenset
    anonymous: str = "login"
    denied: str = "404"
    reauth: bool = False
    post_only: bool = False
    record: bool = False
    bugs: dict = field(default_factory=dict)

    def expected_get(self, role: str) -> set[str]:
        """The outcome classes a GET as ``role`` may have."""
        if role in self.allow:
            if self.reauth:
                return {"reauth"}
            return {"method"} if self.post_only else {"ok"}
        if role == "anonymous":
            return {self.anonymous}
        # A POST-only view may refuse the method before or after the permission check;
        # either way the denial is proven by the POST that follows.
        return {"method", self.denied} if self.post_only else {self.denied}


def roles(*names: str) -> frozenset:
    unknown = set(names) - set(ROLES)
    assert not unknown, unknown
    return frozenset(names)


def load_matrix() -> dict[str, Entry]:
    import tests.security as package

    matrix: dict[str, Entry] = {}
    for info in pkgutil.iter_modules(package.__path__):
        if info.name.startswith("matrix_"):
            module = import_module(f"tests.security.{info.name}")
            overlap = set(matrix) & set(module.MATRIX)
            assert not overlap, f"{info.name} repeats {sorted(overlap)}"
            matrix.update(module.MATRIX)
    return matrix
