"""Build the compiled catalogues (.mo) from the translations (.po), in pure Python.

    python -m sanctuary.translations

The .po files are the source, kept in git; the .mo files Django reads are built from them by
`make setup` (so by `make run` and `make test`), by the test session itself and by the
Dockerfile, and are never committed (a committed .mo can silently disagree with its .po).
polib builds them, so no gettext tools are needed to run the platform; `make messages`, which
extracts the strings from the code, does need GNU gettext (xgettext), as Django's makemessages
does. Entries marked fuzzy are left out, as msgfmt leaves them out. Needs no Django settings.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

import polib

BASE_DIR = Path(__file__).resolve().parent.parent
# Not the project's catalogues: the virtualenv's packages ship their own compiled ones.
_SKIP = {".venv", ".tools", "var", "node_modules", ".git"}


def po_files(base: Path = BASE_DIR) -> list[Path]:
    """Every catalogue of the project: locale/ and each app's <app>/locale/."""
    roots = [base / "locale"] + [
        child / "locale" for child in sorted(base.iterdir()) if child.is_dir() and child.name not in _SKIP
    ]
    return sorted(po for root in roots if root.is_dir() for po in root.glob("*/LC_MESSAGES/*.po"))


def compile_po(po: Path, *, force: bool = False) -> bool:
    """Write ``po``'s .mo beside it unless it is already newer. True when written."""
    mo = po.with_suffix(".mo")
    if not force and mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime:
        return False
    data = polib.pofile(str(po)).to_binary()
    # Written beside and renamed: parallel test workers or a running server never read half a file.
    handle, temporary = tempfile.mkstemp(dir=mo.parent, suffix=".mo.tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temporary, mo)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return True


def compile_all(*, force: bool = False) -> list[Path]:
    return [po for po in po_files() if compile_po(po, force=force)]


if __name__ == "__main__":
    written = compile_all(force="--force" in sys.argv)
    print(f"compiled {len(written)} of {len(po_files())} translation catalogues")
