"""Pages and emails in Welsh, for tests: the apps' Welsh catalogues as the running site reads them.

``welsh`` turns translation on with Welsh among the languages and compiles each app's
``<app>/locale/cy/LC_MESSAGES/django.po`` with GNU msgfmt into the test's own folder (added to
LOCALE_PATHS, so nothing is written into the code tree).

Ask for a page inside ``translation.override("cy")`` and reverse its URL in there too: with
language-prefixed URLs that is the /cy/ address, which LocaleMiddleware answers in Welsh; without
them the active language carries into the view, which the test client runs in the same thread.
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.utils import translation

APPS = ("groups", "awards", "la_network", "campaigns")


def _forget_translation_functions() -> None:
    # django.utils.translation picks its real or no-op functions once, from USE_I18N at first use.
    translation._trans.__dict__.clear()


@pytest.fixture
def welsh(settings, tmp_path) -> Iterator[None]:
    compiled = []
    for app in APPS:
        po = Path(django_settings.BASE_DIR) / app / "locale" / "cy" / "LC_MESSAGES" / "django.po"
        target = tmp_path / "locale" / app
        (target / "cy" / "LC_MESSAGES").mkdir(parents=True)
        subprocess.run(
            ["msgfmt", "--check-format", "-o", str(target / "cy" / "LC_MESSAGES" / "django.mo"), str(po)],
            check=True,
        )
        compiled.append(str(target))
    settings.USE_I18N = True
    settings.LANGUAGES = [("en-gb", "English"), ("cy", "Cymraeg")]
    settings.LOCALE_PATHS = [*settings.LOCALE_PATHS, *compiled]
    _forget_translation_functions()
    yield
    translation.activate(django_settings.LANGUAGE_CODE)
    _forget_translation_functions()
