"""Static files as production serves them, in every mode: hashed names, compressed copies.

WhiteNoise serves a collected file's Brotli or gzip copy to a browser that accepts it, and a
hashed name (``site.3f2a9c1e.css``) with a year-long ``Cache-Control``: a returning visitor
downloads nothing again until the file changes. `make run` collects before it starts the server,
so the development server sends the same bytes and headers as gunicorn in production.

Django's own storage gives unhashed names whenever DEBUG is on. This one gives the hashed name
of every file collected since its source last changed; outside production (``fallback``), a
file not collected yet, or edited since, gets its plain name, which WhiteNoise serves straight
from ``static/`` through the finders, so an edit shows on the next reload.
"""

from __future__ import annotations

import os

from django.contrib.staticfiles import finders
from django.core.files.storage import FileSystemStorage
from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    def __init__(self, *args, fallback: bool = False, **kwargs) -> None:
        self.fallback = fallback
        super().__init__(*args, **kwargs)

    def url(self, name: str, force: bool = False) -> str:
        if self.fallback and not self._collected_and_current(name):
            return FileSystemStorage.url(self, name)
        return super().url(name, force=True)

    def _collected_and_current(self, name: str) -> bool:
        clean = self.clean_name(name).split("?", 1)[0].split("#", 1)[0]
        if self.hash_key(clean) not in self.hashed_files:
            return False
        source = finders.find(clean)
        try:
            return (
                bool(source) and os.stat(source).st_mtime <= os.stat(self.path(self.manifest_name)).st_mtime
            )
        except OSError:
            return False
