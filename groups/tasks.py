"""Periodic sweeps for groups and the charter; each finds its work in the database."""

from __future__ import annotations

import datetime as dt

from celery import shared_task
from django.utils import timezone

from groups import services
from sanctuary.sweeps import sweep_run


def _week_start(today: dt.date) -> dt.date:
    return today - dt.timedelta(days=today.weekday())


@shared_task(name="groups.tasks.weekly_digest_sweep")
def weekly_digest_sweep() -> dict:
    """Send each group's leads one digest per week (the reminder log keys it by week's Monday)."""
    with sweep_run() as result:
        result["sent"] = services.digests_send(week_start=_week_start(timezone.localdate()))
    return result


@shared_task(name="groups.tasks.purge_unconfirmed_signatures")
def purge_unconfirmed_signatures() -> dict:
    with sweep_run() as result:
        result["deleted"] = services.signatures_purge_unconfirmed()
        # The same daily run clears old contact-form messages (personal data kept no longer than needed).
        result["contact_messages_deleted"] = services.contact_messages_purge()
    return result
