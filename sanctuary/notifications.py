"""Templated email and the reminder log.

Emails are rendered from a trio of templates (``<name>_subject.txt``, ``<name>.txt``,
``<name>.html``), stored in the outbox inside the caller's transaction, and sent by a
Celery task enqueued only after commit. A rolled-back transaction therefore sends
nothing, and a reminder recorded under a key that already exists sends nothing again.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, models, transaction
from django.template.context import make_context
from django.template.loader import get_template, render_to_string
from django.utils import timezone

from sanctuary.models import OutboundEmail, ReminderLog

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class RenderedEmail:
    subject: str
    text: str
    html: str


def _render_plain(name: str, context: dict[str, Any]) -> str:
    """Subjects and text bodies are not HTML: escaping them would send "Brighton &amp; Hove"."""
    return get_template(name).template.render(make_context(context, autoescape=False))


def render_email(template: str, context: dict[str, Any]) -> RenderedEmail:
    base = {"site_url": settings.SITE_URL, **context}
    subject = _render_plain(f"{template}_subject.txt", base)
    subject = " ".join(subject.split())[:240]
    text = _render_plain(f"{template}.txt", base)
    html = render_to_string(f"{template}.html", base)
    return RenderedEmail(subject=subject, text=text, html=html)


def _recipients(to: str | Iterable[str]) -> list[str]:
    addresses = [to] if isinstance(to, str) else list(to)
    # One email per address, in order, without repeats.
    return list(dict.fromkeys(a.strip().lower() for a in addresses if a and a.strip()))


@transaction.atomic
def email_queue(
    *,
    template: str,
    to: str | Iterable[str],
    context: dict[str, Any],
    reminder: ReminderLog | None = None,
) -> list[OutboundEmail]:
    """Render and store one email per recipient; send them after the transaction commits."""
    from sanctuary.tasks import email_send

    rendered = render_email(template, context)
    emails = [
        OutboundEmail.objects.create(
            reminder=reminder,
            template=template,
            to=address,
            subject=rendered.subject,
            body_text=rendered.text,
            body_html=rendered.html,
        )
        for address in _recipients(to)
    ]
    for email in emails:
        email_id = str(email.pk)
        transaction.on_commit(lambda email_id=email_id: email_send.delay(email_id))
    return emails


def reminder_send(
    *,
    obj: models.Model | None = None,
    object_type: str | None = None,
    object_id: str | None = None,
    rule: str,
    reference_date: dt.date,
    template: str,
    to: str | Iterable[str],
    context: dict[str, Any],
) -> bool:
    """Record a reminder under its unique key and queue its emails, once.

    Returns False, and queues nothing, when the same key was recorded before.
    """
    kind = object_type or obj._meta.label_lower
    pk = object_id or str(obj.pk)
    try:
        # The savepoint keeps a caller's surrounding transaction usable after a clash.
        with transaction.atomic():
            reminder = ReminderLog.objects.create(
                object_type=kind, object_id=pk, rule=rule, reference_date=reference_date
            )
            email_queue(template=template, to=to, context=context, reminder=reminder)
    except IntegrityError:
        return False
    return True


def reminder_exists(*, obj: models.Model, rule: str, reference_date: dt.date) -> bool:
    return ReminderLog.objects.filter(
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        rule=rule,
        reference_date=reference_date,
    ).exists()


def email_deliver(email_id: str) -> bool:
    """Send one stored email if it is still pending. Returns True when it was sent now."""
    email = OutboundEmail.objects.filter(pk=email_id, status=OutboundEmail.Status.PENDING).first()
    if email is None:
        return False
    message = EmailMultiAlternatives(
        subject=email.subject,
        body=email.body_text,
        to=[email.to],
        from_email=settings.DEFAULT_FROM_EMAIL,
    )
    if email.body_html:
        message.attach_alternative(email.body_html, "text/html")
    try:
        message.send()
    except Exception as exc:
        OutboundEmail.objects.filter(pk=email.pk).update(
            attempts=models.F("attempts") + 1, last_error=type(exc).__name__[:250]
        )
        logger.warning("Email %s could not be sent: %s", email.pk, type(exc).__name__)
        raise
    # Conditional update: if another worker raced us, only one marks it sent.
    OutboundEmail.objects.filter(pk=email.pk, status=OutboundEmail.Status.PENDING).update(
        status=OutboundEmail.Status.SENT,
        sent_at=timezone.now(),
        attempts=models.F("attempts") + 1,
    )
    return True
