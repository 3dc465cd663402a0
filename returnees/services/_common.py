"""Shared by the returnee services: the one lifecycle guard, editable fields, references and links."""

from __future__ import annotations

import logging

from django.conf import settings
from django.urls import reverse

from returnees.models import (
    Case,
)
from returnees.workflow import CASE

logger = logging.getLogger("returnees.services")

# Daily for the first week, weekly for about three months, then monthly.
DEFAULT_CADENCE: tuple[tuple[int, int], ...] = ((0, 1), (7, 7), (97, 30))

CASE_EDITABLE_FIELDS = Case.EDITABLE_FIELDS


def _guarded(case: Case, action: str) -> Case:
    """``case`` locked for this transaction (plain columns only), once its state allows ``action``.

    The lock makes a change wait for a concurrent withdrawal of consent, and then see it.
    """
    locked = (
        Case.objects.select_for_update()
        .only("reference", "status", "anonymised_at", "monitoring_started_at")
        .get(pk=case.pk)
    )
    CASE.check(locked, action)
    return locked


def case_url(case: Case) -> str:
    return settings.SITE_URL + reverse("returnees:case_detail", args=[case.reference])


def _new_case_reference() -> str:
    from returnees.models import new_reference

    for _attempt in range(20):
        reference = new_reference()
        if not Case.objects.filter(reference=reference).exists():
            return reference
    raise RuntimeError("Could not find a free case reference.")
