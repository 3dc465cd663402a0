"""Every string marked for translation has a Welsh translation (issue 19).

The strings are extracted afresh from a copy of the code, exactly as `make messages` does, and
merged with the committed catalogues: a string added to the code but not to its catalogue, a
catalogue not regenerated, or a translation left empty or fuzzy (a changed English string)
fails here, naming the catalogue and the strings. Placeholders must survive translation.

The catalogues checked are data: ``sanctuary.i18n.catalogs()``, the project's and one per app
in ``SANCTUARY_APPS``. Needs GNU gettext's xgettext (installed by .ci/run).
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import polib
import pytest
from django.conf import settings

from sanctuary.i18n import VENDOR_CATALOG, catalogs
from sanctuary.translations import MESSAGES_IGNORE, make_messages

BASE = Path(settings.BASE_DIR)
CATALOGS = [str(path.relative_to(BASE)) for path in catalogs()]
WELSH = "cy/LC_MESSAGES/django.po"
# %(name)s, %s, %d, {name}: what Python and Django fill in. Template variables are already
# %(name)s in a catalogue.
COUNTS = {"%(count)s", "%(counter)s", "%(n)s", "%d", "%s"}
PLACEHOLDER = re.compile(r"%\([^)]+\)[sdfr]|%[sdfr]|\{[A-Za-z_][A-Za-z0-9_]*\}")


@pytest.fixture(scope="module")
def extracted(tmp_path_factory) -> Path:
    """A copy of the code with every catalogue regenerated from it."""
    copy = tmp_path_factory.mktemp("messages") / "code"
    shutil.copytree(
        BASE, copy, ignore=shutil.ignore_patterns(*MESSAGES_IGNORE, ".git", "*.mo", "__pycache__")
    )
    make_messages(copy)
    return copy


def _untranslated(po: polib.POFile) -> list[str]:
    return [
        entry.msgid
        for entry in po
        if not entry.obsolete
        and (entry.fuzzy or not (all(entry.msgstr_plural.values()) if entry.msgid_plural else entry.msgstr))
    ]


@pytest.mark.parametrize("catalog", CATALOGS)
def test_every_marked_string_has_a_welsh_translation(extracted, catalog):
    po_path = extracted / catalog / WELSH
    assert po_path.exists(), f"{catalog}: no Welsh catalogue (run `make messages` and translate it)"
    missing = _untranslated(polib.pofile(str(po_path)))
    assert missing == [], f"{catalog}: {len(missing)} strings without a Welsh translation: {missing[:20]}"


@pytest.mark.parametrize("catalog", [*CATALOGS, VENDOR_CATALOG])
def test_translations_keep_every_placeholder(catalog):
    po_path = BASE / catalog / WELSH
    if not po_path.exists():
        pytest.fail(f"{catalog}: no Welsh catalogue")
    wrong = []
    for entry in polib.pofile(str(po_path)):
        if entry.obsolete or entry.fuzzy:
            continue
        expected = sorted(PLACEHOLDER.findall(entry.msgid))
        if not entry.msgid_plural:
            if entry.msgstr and sorted(PLACEHOLDER.findall(entry.msgstr)) != expected:
                wrong.append((entry.msgid, entry.msgstr))
            continue
        # Welsh has four plural forms; one may leave the number out ("un cais" for one
        # application) but none may add or rename a placeholder, or drop another one.
        allowed = set(expected) | set(PLACEHOLDER.findall(entry.msgid_plural))
        needed = set(expected) - COUNTS
        for form in entry.msgstr_plural.values():
            found = set(PLACEHOLDER.findall(form))
            if form and (not found <= allowed or not needed <= found):
                wrong.append((entry.msgid, form))
    assert wrong == [], f"{catalog}: placeholders differ: {wrong[:10]}"


def test_the_compiled_catalogues_are_built_from_the_translations():
    """The .mo files the platform reads are made from the .po files (sanctuary/translations.py)."""
    from sanctuary.translations import compile_all, po_files

    compile_all()
    for po in po_files():
        mo = po.with_suffix(".mo")
        assert mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime, po


# allauth's strings that nobody here sees: social accounts, identity provider, headless API.
ALLAUTH_UNUSED = ("socialaccount", "idp", "headless", "openid")


def test_every_allauth_string_on_our_pages_has_a_welsh_translation():
    """allauth ships no Welsh: locale_vendor/ carries its sign-in, sign-up, email, password and
    two-factor strings. After an allauth upgrade this names the strings it added."""
    import allauth

    source = polib.pofile(str(Path(allauth.__file__).parent / "locale" / "en" / "LC_MESSAGES" / "django.po"))
    needed = {
        (entry.msgctxt, entry.msgid)
        for entry in source
        if not entry.obsolete
        and not all(any(part in path for part in ALLAUTH_UNUSED) for path, _line in entry.occurrences)
    }
    ours = polib.pofile(str(BASE / VENDOR_CATALOG / WELSH))
    translated = {(entry.msgctxt, entry.msgid) for entry in ours if entry.msgid not in _untranslated(ours)}
    missing = sorted(msgid for _ctx, msgid in needed - translated)
    assert missing == [], f"allauth strings without Welsh in {VENDOR_CATALOG}: {missing[:20]}"
