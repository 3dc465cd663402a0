"""Shared by the award services: the state move with its time span and audit row, links, contacts."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from awards.models import (
    Application,
    StateSpan,
)
from awards.selectors import APPLICATIONS_TOPIC
from groups.models import OrganisationContact
from sanctuary.audit import audit_record
from sanctuary.figures_cache import figures_changed

S = Application.Status
MIN_PANEL = 3


def _url(name: str, *args) -> str:
    return settings.SITE_URL + reverse(name, args=args)


# The audit action each move writes.
MOVE_ACTIONS = {
    S.SUBMITTED: "awards.application_submitted",
    S.IN_REVIEW: "awards.review_started",
    S.MORE_EVIDENCE: "awards.evidence_requested",
    S.AWARDED: "awards.application_awarded",
    S.NOT_AWARDED: "awards.application_not_awarded",
    S.WITHDRAWN: "awards.application_withdrawn",
}


def _move(application: Application, to: str, *, actor, request=None, detail: dict | None = None) -> None:
    """Change state, close the open time-in-state span and open the next; audited."""
    now = timezone.now()
    old = application.status
    application.status = to
    application.status_changed_at = now
    application.save(update_fields=["status", "status_changed_at"])
    StateSpan.objects.filter(application=application, left_at__isnull=True).update(left_at=now)
    StateSpan.objects.create(application=application, status=to, entered_at=now)
    figures_changed(APPLICATIONS_TOPIC)
    audit_record(
        actor=actor,
        action=MOVE_ACTIONS[to],
        obj=application,
        request=request,
        detail={"from": old, "to": to, **(detail or {})},
    )


def _contacts_emails(application: Application) -> list[str]:
    emails = list(
        OrganisationContact.objects.filter(organisation=application.organisation).values_list(
            "user__email", flat=True
        )
    )
    return [application.applicant.email, *emails]
