"""Reads of the resource library, and who may see what (deny by default)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db.models import F, Prefetch, Q, QuerySet
from django.utils import timezone

from awards.models import Stream
from resources.models import Resource, Suggestion, Topic
from sanctuary.figures_cache import cached_figures
from sanctuary.permissions import is_national_staff, is_signed_in

# sanctuary.figures_cache topic of everything cached from the library (the stream packs); the
# services forget it whenever a resource changes.
LIBRARY_TOPIC = "resources"
PACK_LIMIT = 12


def visible_to(user) -> QuerySet[Resource]:
    """Resources ``user`` may open: published public ones for everyone, published members-only
    ones for anyone signed in, and every resource (archived too) for national staff."""
    if is_national_staff(user):
        return Resource.objects.all()
    published = Resource.objects.filter(status=Resource.Status.PUBLISHED)
    if is_signed_in(user):
        return published
    return published.filter(audience=Resource.Audience.PUBLIC)


def library(
    user, *, q: str = "", stream: Stream | None = None, topic: Topic | None = None
) -> QuerySet[Resource]:
    """The public list: published resources ``user`` may see, filtered, streams and topics read
    in one query each for the whole page."""
    resources = visible_to(user).filter(status=Resource.Status.PUBLISHED)
    if stream is not None:
        resources = resources.filter(streams=stream)
    if topic is not None:
        resources = resources.filter(topics=topic)
    if q:
        resources = resources.filter(Q(title__icontains=q) | Q(summary__icontains=q))
    return with_labels(resources).order_by("title", "pk")


def with_labels(resources: QuerySet[Resource]) -> QuerySet[Resource]:
    return resources.prefetch_related(
        Prefetch("streams", queryset=Stream.objects.only("pk", "name", "name_cy", "slug")),
        Prefetch("topics", queryset=Topic.objects.only("pk", "name", "slug")),
    )


def staff_list(
    *, status: str = "", review_due: bool = False, today: dt.date | None = None
) -> QuerySet[Resource]:
    resources = Resource.objects.all()
    if status:
        resources = resources.filter(status=status)
    if review_due:
        resources = resources.filter(review_by__lt=today or timezone.localdate())
    return with_labels(resources).order_by("review_by", "title", "pk")


def broken_links() -> QuerySet[Resource]:
    return Resource.objects.filter(link_broken_since__isnull=False).order_by("link_broken_since", "pk")


def links_to_check(now: dt.datetime | None = None) -> QuerySet[Resource]:
    """Published external links not checked in the last RESOURCES_LINKCHECK_EVERY_DAYS days,
    never-checked ones first, then the oldest check."""
    now = now or timezone.now()
    due = now - dt.timedelta(days=settings.RESOURCES_LINKCHECK_EVERY_DAYS)
    return (
        Resource.objects.filter(status=Resource.Status.PUBLISHED)
        .exclude(url="")
        .filter(Q(link_checked_at__isnull=True) | Q(link_checked_at__lte=due))
        .order_by(F("link_checked_at").asc(nulls_first=True), "pk")
    )


def suggestion_queue(status: str = Suggestion.Status.PENDING) -> QuerySet[Suggestion]:
    return (
        Suggestion.objects.filter(status=status).select_related("suggested_by").order_by("created_at", "pk")
    )


def stream_pack(stream_id: int, *, members: bool) -> list[dict]:
    """The pack shown on a stream's page and its applications: published resources tagged with the
    stream, for a visitor or a signed-in person. Cached until a resource changes."""

    def compute() -> list[dict]:
        resources = Resource.objects.filter(status=Resource.Status.PUBLISHED, streams=stream_id)
        if not members:
            resources = resources.filter(audience=Resource.Audience.PUBLIC)
        return [
            {
                "pk": pk,
                "title": title,
                "is_file": bool(file),
                "members": audience == Resource.Audience.MEMBERS,
            }
            for pk, title, file, audience in resources.order_by("title", "pk").values_list(
                "pk", "title", "file", "audience"
            )[:PACK_LIMIT]
        ]

    return cached_figures(LIBRARY_TOPIC, f"pack:{stream_id}:{'members' if members else 'public'}", compute)
