"""Fictional demo events: some coming up, one cancelled, and past ones waiting to be recorded."""

from __future__ import annotations

import datetime as dt
import zoneinfo

from django.utils import timezone

from events.models import DEFAULT_TIME_ZONE, Event

UK = zoneinfo.ZoneInfo(DEFAULT_TIME_ZONE)

# (group key, days from today, start hour, hours long, title, description, place, online, access, status)
EVENTS = [
    (
        "group_riverton",
        9,
        12,
        2,
        "Shared lunch at St Mark's hall",
        "Bring a dish from home if you like, or just bring yourself. Newcomers and neighbours sit "
        "down together; there is always more food than people.",
        "St Mark's Church Hall\n14 Mill Lane\nRiverton RV1 3QP",
        "",
        "Step-free entrance from the car park. Accessible toilet. Halal and vegetarian food labelled.",
        Event.Status.SCHEDULED,
    ),
    (
        "group_riverton",
        23,
        18,
        2,
        "Welcome training for volunteers",
        "An evening for anyone who wants to help at drop-ins: what people seeking sanctuary may be "
        "going through, how to listen well, and where to point people for advice.",
        "Riverton Library, Meeting Room 2\nRiverton RV1 1AA",
        "https://meet.example.org/riverton-training",
        "Ground floor room with a hearing loop. Join online if travelling is hard.",
        Event.Status.SCHEDULED,
    ),
    (
        "group_northfield",
        16,
        19,
        3,
        "Music night with the Northfield choir",
        "Songs from many places, sung by the community choir and anyone who wants to join in.",
        "Northfield Town Hall\nMarket Square\nNorthfield NF1 2AB",
        "",
        "Level access and reserved seating near the front. Free tea and squash.",
        Event.Status.SCHEDULED,
    ),
    (
        "group_northfield",
        30,
        10,
        2,
        "Coffee morning at the station cafe",
        "A relaxed coffee morning. We had to call this one off because the cafe is being repaired.",
        "Station Cafe\nNorthfield NF1 4ZZ",
        "",
        "",
        Event.Status.CANCELLED,
    ),
    (
        "group_riverton",
        -5,
        14,
        3,
        "Family football afternoon",
        "Friendly games in the park for all ages, with a picnic afterwards.",
        "Riverside Park playing fields\nRiverton",
        "",
        "Flat grass; shaded seating for anyone who would rather watch.",
        Event.Status.SCHEDULED,
    ),
    (
        "group_northfield",
        -8,
        18,
        2,
        "Online talk: how asylum support works",
        "A short talk and questions with a local adviser, for volunteers and anyone curious.",
        "",
        "https://meet.example.org/northfield-talk",
        "Live captions on. The recording is shared with people who booked.",
        Event.Status.SCHEDULED,
    ),
]


def seed(ctx) -> None:
    today = timezone.localdate()
    for key, days, hour, hours, title, description, place, online, access, status in EVENTS:
        group = ctx.objects[key]
        starts_at = dt.datetime.combine(today + dt.timedelta(days=days), dt.time(hour), tzinfo=UK)
        now = timezone.now()
        Event.objects.get_or_create(
            group=group,
            title=title,
            defaults={
                "description": description,
                "starts_at": starts_at,
                "ends_at": starts_at + dt.timedelta(hours=hours),
                "place": place,
                "online_url": online,
                "accessibility": access,
                "status": status,
                "sequence": 1 if status == Event.Status.CANCELLED else 0,
                "cancelled_at": now if status == Event.Status.CANCELLED else None,
                "created_by": group.memberships.filter(role="lead").first().user,
                "created_at": now,
                "updated_at": now,
            },
        )
