"""Every state change of events happens here, audited; moves are guarded by events.workflow."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from events.models import Event
from events.selectors import EVENTS_TOPIC, group_events_topic
from events.workflow import EVENT
from groups import services as group_services
from groups.models import Activity, Group
from sanctuary.audit import audit_record
from sanctuary.errors import Refused
from sanctuary.figures_cache import figures_changed

# What a lead sets on an event (the form's ``event_data``): a change to any of them is news for
# the calendars that carry the event.
EVENT_FIELDS = (
    "title",
    "description",
    "starts_at",
    "ends_at",
    "time_zone",
    "place",
    "online_url",
    "accessibility",
    "booking_url",
)


def _changed(event: Event) -> None:
    figures_changed(group_events_topic(event.group_id), EVENTS_TOPIC)


@transaction.atomic
def event_create(*, group: Group, actor, data: dict) -> Event:
    """Publish an upcoming event of ``group`` (its leads, or national staff)."""
    if group.status == Group.Status.CLOSED:
        raise Refused(_("This group has closed: it cannot publish new events."), code="group_closed")
    now = timezone.now()
    event = Event.objects.create(
        group=group,
        created_by=actor if getattr(actor, "pk", None) else None,
        created_at=now,
        updated_at=now,
        **{name: data[name] for name in EVENT_FIELDS if name in data},
    )
    audit_record(actor=actor, action="events.event_created", obj=event, detail={"group": group.pk})
    _changed(event)
    return event


@transaction.atomic
def event_update(*, event: Event, actor, data: dict) -> Event:
    """Change an event that has not ended; calendars see a higher SEQUENCE and take it in."""
    event = Event.objects.select_for_update().get(pk=event.pk)
    EVENT.check(event, "update")
    changed = [name for name in EVENT_FIELDS if name in data and getattr(event, name) != data[name]]
    for name in changed:
        setattr(event, name, data[name])
    if changed:
        event.sequence += 1
        event.updated_at = timezone.now()
        event.save(update_fields=[*changed, "sequence", "updated_at"])
    audit_record(
        actor=actor,
        action="events.event_updated",
        obj=event,
        detail={"group": event.group_id, "fields": sorted(changed)},
    )
    _changed(event)
    return event


@transaction.atomic
def event_cancel(*, event: Event, actor) -> Event:
    """Cancel an event. It stays listed and in every calendar feed, marked cancelled, so the
    people who added it to their calendars learn of it."""
    event = Event.objects.select_for_update().get(pk=event.pk)
    fields = EVENT.move(event, "cancel")
    now = timezone.now()
    event.sequence += 1
    event.updated_at = event.cancelled_at = now
    event.save(update_fields=[*fields, "sequence", "updated_at", "cancelled_at"])
    audit_record(actor=actor, action="events.event_cancelled", obj=event, detail={"group": event.group_id})
    _changed(event)
    return event


@transaction.atomic
def event_activity_record(*, event: Event, actor, data: dict) -> Activity:
    """Add an event that has happened to its group's activity record, through the groups
    service. The event row is locked and marked in the same transaction, so a second click (or
    a second lead at the same moment) is refused and an event records at most one activity."""
    event = Event.objects.select_for_update().select_related("group").get(pk=event.pk)
    EVENT.check(event, "record_activity")
    activity = group_services.activity_record(group=event.group, actor=actor, data=data)
    event.activity = activity
    event.activity_recorded_at = timezone.now()
    event.save(update_fields=["activity", "activity_recorded_at"])
    audit_record(
        actor=actor,
        action="events.event_activity_recorded",
        obj=event,
        detail={"group": event.group_id, "activity": activity.pk},
    )
    _changed(event)
    return activity
