"""Factories for events."""

from __future__ import annotations

import datetime as dt

import factory
from django.utils import timezone

from events.models import Event
from tests.factories import GroupFactory


def _minute(moment: dt.datetime) -> dt.datetime:
    """Times as a form gives them: to the minute."""
    return moment.replace(second=0, microsecond=0)


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event

    group = factory.SubFactory(GroupFactory)
    title = factory.Sequence(lambda n: f"Welcome lunch {n}")
    description = "Food and conversation for newcomers and neighbours."
    starts_at = factory.LazyFunction(lambda: _minute(timezone.now() + dt.timedelta(days=7)))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + dt.timedelta(hours=2))
    place = "Community hall, 1 High Street, Testville"
    accessibility = "Step-free entrance."


def past_event(**kwargs) -> Event:
    starts_at = _minute(timezone.now() - dt.timedelta(days=3))
    return EventFactory(starts_at=starts_at, ends_at=starts_at + dt.timedelta(hours=2), **kwargs)
