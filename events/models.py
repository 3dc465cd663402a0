"""Events a local group publishes ahead: the network's calendar."""

from __future__ import annotations

import uuid
import zoneinfo

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

DEFAULT_TIME_ZONE = "Europe/London"


class Event(models.Model):
    """Something a group invites people to, at a time in a time zone, in a place or online.

    Times are stored aware (UTC in the database); ``time_zone`` is the zone the lead gave them
    in, so pages and calendars show the time the organisers meant, across clock changes.
    ``uuid`` makes the calendar UID, which must never change; ``sequence`` grows with every
    change people's calendars must take in (RFC 5545).
    """

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("Scheduled")
        CANCELLED = "cancelled", _("Cancelled")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    group = models.ForeignKey("groups.Group", on_delete=models.CASCADE, related_name="events")
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    time_zone = models.CharField(_("time zone"), max_length=64, default=DEFAULT_TIME_ZONE)
    place = models.TextField(_("place (address)"), blank=True)
    online_url = models.URLField(_("online link"), max_length=500, blank=True)
    accessibility = models.TextField(_("accessibility"), blank=True)
    booking_url = models.URLField(_("booking link"), max_length=500, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.SCHEDULED)
    sequence = models.PositiveIntegerField(default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    # The group's activity record made from this event once it had happened: at most one.
    activity = models.OneToOneField(
        "groups.Activity", on_delete=models.SET_NULL, null=True, blank=True, related_name="event"
    )
    activity_recorded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["starts_at", "pk"]
        indexes = [
            models.Index(fields=["ends_at", "starts_at"]),
            models.Index(fields=["group", "ends_at"]),
            models.Index(fields=["group", "activity_recorded_at", "ends_at"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")), name="event_ends_after_start"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.time_zone)

    @property
    def local_start(self):
        return self.starts_at.astimezone(self.zone)

    @property
    def local_end(self):
        return self.ends_at.astimezone(self.zone)

    @property
    def is_cancelled(self) -> bool:
        return self.status == self.Status.CANCELLED

    def has_ended(self, now=None) -> bool:
        return self.ends_at <= (now or timezone.now())
