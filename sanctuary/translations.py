"""The translation catalogues: extract the marked strings, and build the compiled .mo files.

    python -m sanctuary.translations            # build the .mo files that are out of date
    python -m sanctuary.translations --force    # build them all (`make compilemessages`)
    python -m sanctuary.translations messages   # extract every string (`make messages`)

The .po files are the source, kept in git; the .mo files Django reads are built from them by
`make setup` (so by `make run` and `make test`), by the test session itself and by the
Dockerfile, and are never committed (a committed .mo can silently disagree with its .po).
polib builds them, so no gettext tools are needed to run the platform; `make messages`, which
extracts the strings from the code, does need GNU gettext (xgettext), as Django's makemessages
does. Entries marked fuzzy are left out, as msgfmt leaves them out. Needs no Django settings.
"""

from __future__ import annotations

import importlib
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import polib

BASE_DIR = Path(__file__).resolve().parent.parent
# Not the project's catalogues: the virtualenv's packages ship their own compiled ones.
_SKIP = {".venv", ".tools", "var", "node_modules", ".git"}


# What `messages` does not read: other people's code, tests, generated and data files.
MESSAGES_IGNORE = (
    ".venv",
    ".tools",
    "var",
    "tests",
    "node_modules",
    "bench",
    "docs",
    "deploy",
    "static",
    "locale_vendor",
)


def make_messages(base: Path = BASE_DIR) -> None:
    """Extract every marked string of the project under ``base`` into its catalogue.

    One run of Django's makemessages puts each file's strings in the nearest ``locale/`` above
    it: an app's in ``<app>/locale/``, the rest (templates/, sanctuary/) in ``locale/``. Each
    app is given its directory first, so no app's strings land in the project's catalogue.
    Strings no longer in the code are dropped; a changed one keeps its old translation marked
    fuzzy (not used) until a translator checks it.
    """
    apps = importlib.import_module("sanctuary.settings").SANCTUARY_APPS
    for directory in ["locale", *(f"{app}/locale" for app in apps)]:
        (base / directory).mkdir(exist_ok=True)
    ignores = [f"--ignore={pattern}" for pattern in MESSAGES_IGNORE]
    subprocess.run(  # noqa: S603 - our own manage.py, fixed arguments
        [
            sys.executable,
            "manage.py",
            "makemessages",
            "-l",
            "cy",
            "--no-obsolete",
            "--add-location=file",
            *ignores,
        ],
        cwd=base,
        check=True,
        stdout=subprocess.DEVNULL,
    )


def po_files(base: Path = BASE_DIR) -> list[Path]:
    """Every catalogue of the project: locale/, locale_vendor/ and each app's <app>/locale/."""
    roots = [base / "locale", base / "locale_vendor"] + [
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
    if "messages" in sys.argv[1:]:
        make_messages()
    written = compile_all(force="--force" in sys.argv)
    print(f"compiled {len(written)} of {len(po_files())} translation catalogues")
