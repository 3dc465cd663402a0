"""Fixtures for the security tests: one shared folder for uploads, so a world built once
per module can still serve the files it stored."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def _security_media(tmp_path_factory):
    return tmp_path_factory.mktemp("security-private")


def media_settings(location) -> dict:
    from django.conf import settings

    return {
        "PRIVATE_MEDIA_ROOT": location,
        "STORAGES": {
            **settings.STORAGES,
            "default": {
                "BACKEND": "django.core.files.storage.FileSystemStorage",
                "OPTIONS": {"location": location, "base_url": None},
            },
        },
    }


@pytest.fixture(autouse=True)
def _private_media(settings, _security_media):
    """Overrides the suite-wide fixture of the same name: one folder for the whole session."""
    for name, value in media_settings(_security_media).items():
        setattr(settings, name, value)
