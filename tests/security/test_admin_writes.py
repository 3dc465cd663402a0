"""The Django admin changes nothing by itself: every add, change and delete it allows goes
through an app's audited service (the model admin overrides the save and delete paths), and
what it does not route is read-only."""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.test import RequestFactory

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


# Libraries' own models (allauth's addresses, Django's permission groups...): none holds state
# of ours, and their libraries write them.
OURS = (
    "sanctuary",
    "groups",
    "awards",
    "la_network",
    "campaigns",
    "returnees",
    "events",
    "geography",
    "resources",
)


def _registered():
    return sorted(
        (
            (model, model_admin)
            for model, model_admin in admin.site._registry.items()
            if model._meta.app_label in OURS
        ),
        key=lambda item: item[0]._meta.label,
    )


@pytest.fixture
def superuser_request():
    request = RequestFactory().get("/admin/")
    request.user = UserFactory(is_staff=True, is_superuser=True)
    return request


def _overrides(model_admin, name: str) -> bool:
    return getattr(type(model_admin), name) is not getattr(admin.ModelAdmin, name)


@pytest.mark.parametrize(("model", "model_admin"), _registered(), ids=lambda v: getattr(v, "__name__", ""))
def test_every_admin_write_goes_through_a_service(model, model_admin, superuser_request):
    request = superuser_request
    if model_admin.has_add_permission(request) or model_admin.has_change_permission(request):
        assert _overrides(model_admin, "save_model"), f"{model.__name__}: admin saves the row itself"
    if model_admin.has_delete_permission(request):
        assert _overrides(model_admin, "delete_model") and _overrides(model_admin, "delete_queryset"), (
            f"{model.__name__}: admin deletes rows itself"
        )
    for inline in model_admin.get_inline_instances(request):
        writes = (
            inline.has_add_permission(request, None)
            or inline.has_change_permission(request)
            or inline.has_delete_permission(request)
        )
        if writes:
            assert _overrides(model_admin, "save_formset"), f"{model.__name__}: inline saves rows itself"
