"""The world, built once per test module inside a transaction rolled back at the end."""

from __future__ import annotations

import pytest
from django.db import transaction
from django.test import Client, override_settings

from tests.security.conftest import media_settings
from tests.security.world import build_world


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, _security_media):
    with (
        django_db_blocker.unblock(),
        override_settings(**media_settings(_security_media)),
        transaction.atomic(),
    ):
        yield build_world()
        transaction.set_rollback(True)


@pytest.fixture
def as_role(world, db):
    """A fresh client signed in as the world's user for ``role`` (none for anonymous)."""

    def make(role: str) -> Client:
        client = Client()
        user = world["users"][role]
        if user is not None:
            client.force_login(user)
        return client

    return make
