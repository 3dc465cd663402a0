"""Every state change of the resource library happens here, audited."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from resources import linkcheck
from resources.models import Resource, Suggestion, Topic
from resources.selectors import LIBRARY_TOPIC, links_to_check
from resources.workflow import RESOURCE, SUGGESTION
from sanctuary.audit import audit_record
from sanctuary.errors import Refused
from sanctuary.figures_cache import figures_changed
from sanctuary.notifications import email_queue

# A double click, or a slow page sent again, submits a form twice: the same title from the same
# person within this window is that, not a second resource or suggestion.
DUPLICATE_WINDOW = dt.timedelta(minutes=10)

# What a resource's form may set (the file or link is handled on its own: exactly one of them).
RESOURCE_FIELDS = ("title", "summary", "audience", "review_by")


def _lock_person(user) -> None:
    """Handle one person's submissions in turn, so a twin sees the first one's row."""
    if getattr(user, "pk", None):
        get_user_model().objects.select_for_update(no_key=True).filter(pk=user.pk).first()


def _library_changed() -> None:
    figures_changed(LIBRARY_TOPIC)


def check_file_or_link(*, url: str, has_file: bool) -> None:
    """A resource is a file or a link, never both and never neither."""
    if bool(url) == has_file:
        raise Refused(_("Give either a file or a link, not both."), code="file_or_link")


def _set_content(resource: Resource, *, url: str, upload: ContentFile | None) -> list[str]:
    """Put the new file or link on ``resource``; the old file is deleted once the change commits."""
    old_file = resource.file.name if resource.file else ""
    changed = []
    if upload is not None:
        resource.file.save(upload.name, upload, save=False)
        resource.original_name = getattr(upload, "original_name", upload.name)[:120]
        resource.url = ""
        changed = ["file", "original_name", "url"]
    elif url and (url != resource.url or resource.file):
        resource.file = ""
        resource.original_name = ""
        resource.url = url
        changed = ["file", "original_name", "url"]
    check_file_or_link(url=resource.url, has_file=bool(resource.file))
    if "url" in changed:
        # A new link has not been checked yet.
        resource.link_checked_at = resource.link_status = resource.link_broken_since = None
        changed += ["link_checked_at", "link_status", "link_broken_since"]
    if old_file and old_file != resource.file.name:
        storage = resource.file.storage
        transaction.on_commit(lambda: storage.delete(old_file))
    return changed


@transaction.atomic
def resource_create(
    *,
    actor,
    data: dict,
    streams: Iterable = (),
    topics: Iterable = (),
    url: str = "",
    upload: ContentFile | None = None,
    request=None,
) -> Resource:
    _lock_person(actor)
    twin = Resource.objects.filter(
        created_by=actor,
        status=Resource.Status.PUBLISHED,
        title=data.get("title"),
        url="" if upload is not None else url,
        original_name=getattr(upload, "original_name", "") if upload is not None else "",
        created_at__gte=timezone.now() - DUPLICATE_WINDOW,
    ).first()
    if twin is not None and actor is not None:
        return twin
    resource = Resource(created_by=actor, **{f: data[f] for f in RESOURCE_FIELDS if f in data})
    _set_content(resource, url=url, upload=upload)
    resource.save()
    resource.streams.set(streams)
    resource.topics.set(topics)
    audit_record(actor=actor, action="resources.resource_created", obj=resource, request=request)
    _library_changed()
    return resource


@transaction.atomic
def resource_update(
    *,
    resource: Resource,
    actor,
    data: dict,
    streams: Iterable | None = None,
    topics: Iterable | None = None,
    url: str = "",
    upload: ContentFile | None = None,
    request=None,
) -> Resource:
    resource = Resource.objects.select_for_update().get(pk=resource.pk)
    RESOURCE.check(resource, "edit")
    changed = [f for f in RESOURCE_FIELDS if f in data and getattr(resource, f) != data[f]]
    for f in changed:
        setattr(resource, f, data[f])
    changed += _set_content(resource, url=url, upload=upload)
    resource.updated_at = timezone.now()
    resource.save(update_fields=[*changed, "updated_at"])
    if streams is not None:
        resource.streams.set(streams)
    if topics is not None:
        resource.topics.set(topics)
    audit_record(
        actor=actor,
        action="resources.resource_updated",
        obj=resource,
        detail={"fields": sorted(set(changed))},
        request=request,
    )
    _library_changed()
    return resource


def _move(resource: Resource, action: str) -> Resource:
    resource = Resource.objects.select_for_update().get(pk=resource.pk)
    changed = RESOURCE.move(resource, action)
    resource.updated_at = timezone.now()
    resource.save(update_fields=[*changed, "updated_at"])
    _library_changed()
    return resource


@transaction.atomic
def resource_archive(*, resource: Resource, actor, request=None) -> Resource:
    """Take a resource off the library (and the stream packs); staff can still see and restore it."""
    resource = _move(resource, "archive")
    audit_record(actor=actor, action="resources.resource_archived", obj=resource, request=request)
    return resource


@transaction.atomic
def resource_restore(*, resource: Resource, actor, request=None) -> Resource:
    resource = _move(resource, "restore")
    audit_record(actor=actor, action="resources.resource_restored", obj=resource, request=request)
    return resource


@transaction.atomic
def resource_delete(*, resource: Resource, actor, request=None) -> None:
    resource = Resource.objects.select_for_update().get(pk=resource.pk)
    RESOURCE.check(resource, "delete")
    if resource.file:
        name, storage = resource.file.name, resource.file.storage
        transaction.on_commit(lambda: storage.delete(name))
    audit_record(
        actor=actor, action="resources.resource_deleted", obj=resource, detail={"title": resource.title}
    )
    resource.delete()
    _library_changed()


# --- Topics (kept in the admin) -----------------------------------------------------------------


@transaction.atomic
def topic_save(*, topic: Topic, actor, request=None) -> Topic:
    created = topic.pk is None
    topic.save()
    audit_record(
        actor=actor,
        action="resources.topic_created" if created else "resources.topic_updated",
        obj=topic,
        request=request,
    )
    _library_changed()
    return topic


@transaction.atomic
def topic_delete(*, topic: Topic, actor, request=None) -> None:
    audit_record(
        actor=actor, action="resources.topic_deleted", obj=topic, detail={"name": topic.name}, request=request
    )
    topic.delete()
    _library_changed()


# --- Suggestions from group leads ---------------------------------------------------------------


@transaction.atomic
def suggestion_make(
    *, user, title: str, summary: str, url: str = "", upload: ContentFile | None = None, request=None
) -> Suggestion:
    check_file_or_link(url=url, has_file=upload is not None)
    _lock_person(user)
    twin = Suggestion.objects.filter(suggested_by=user, title=title, status=Suggestion.Status.PENDING).first()
    if twin is not None:
        return twin
    # Counted under the person's lock, so two forms sent at once cannot both take the last place.
    waiting = Suggestion.objects.filter(suggested_by=user, status=Suggestion.Status.PENDING).count()
    if waiting >= settings.RESOURCES_SUGGESTIONS_PENDING_MAX:
        raise Refused(
            ngettext(
                "You already have %(count)d suggestion waiting for national staff. You can suggest "
                "more once they have looked at it.",
                "You already have %(count)d suggestions waiting for national staff. You can suggest "
                "more once they have looked at those.",
                waiting,
            )
            % {"count": waiting}
        )
    suggestion = Suggestion(suggested_by=user, title=title, summary=summary, url=url)
    if upload is not None:
        suggestion.file.save(upload.name, upload, save=False)
        suggestion.original_name = getattr(upload, "original_name", upload.name)[:120]
    suggestion.save()
    audit_record(actor=user, action="resources.suggestion_made", obj=suggestion, request=request)
    return suggestion


@transaction.atomic
def suggestion_approve(
    *,
    suggestion: Suggestion,
    actor,
    data: dict,
    streams: Iterable = (),
    topics: Iterable = (),
    url: str = "",
    upload: ContentFile | None = None,
    request=None,
) -> Resource:
    """Publish the suggestion as a resource (staff may have edited it first) and tell the lead.

    Without a new file or link the suggestion's own is used: its file is copied into the library.
    """
    suggestion = Suggestion.objects.select_for_update().get(pk=suggestion.pk)
    changed = SUGGESTION.move(suggestion, "approve")
    if upload is None and not url:
        if suggestion.file:
            with suggestion.file.open("rb") as stored:
                upload = ContentFile(stored.read(), name=suggestion.file.name.rsplit("/", 1)[-1])
            upload.original_name = suggestion.original_name
        else:
            url = suggestion.url
    resource = resource_create(
        actor=actor, data=data, streams=streams, topics=topics, url=url, upload=upload, request=request
    )
    suggestion.resource = resource
    suggestion.decided_by = actor
    suggestion.decided_at = timezone.now()
    suggestion.save(update_fields=[*changed, "resource", "decided_by", "decided_at"])
    audit_record(
        actor=actor,
        action="resources.suggestion_approved",
        obj=suggestion,
        detail={"resource": resource.pk},
        request=request,
    )
    email_queue(
        template="resources/emails/suggestion_approved",
        to=suggestion.suggested_by.email,
        context={"title": resource.title, "path": reverse("resources:detail", args=[resource.pk])},
    )
    return resource


@transaction.atomic
def suggestion_decline(*, suggestion: Suggestion, actor, reason: str, request=None) -> Suggestion:
    suggestion = Suggestion.objects.select_for_update().get(pk=suggestion.pk)
    changed = SUGGESTION.move(suggestion, "decline")
    suggestion.decision_reason = reason
    suggestion.decided_by = actor
    suggestion.decided_at = timezone.now()
    suggestion.save(update_fields=[*changed, "decision_reason", "decided_by", "decided_at"])
    audit_record(actor=actor, action="resources.suggestion_declined", obj=suggestion, request=request)
    email_queue(
        template="resources/emails/suggestion_declined",
        to=suggestion.suggested_by.email,
        context={"title": suggestion.title, "reason": reason},
    )
    return suggestion


# --- The weekly link check ----------------------------------------------------------------------


def _fetch_all(urls: list[str], fetch: Callable[[str], int | None]) -> dict[str, int | None]:
    """Ask every distinct address at once, a few at a time (the network is the slow part)."""
    distinct = list(dict.fromkeys(urls))
    with ThreadPoolExecutor(max_workers=settings.RESOURCES_LINKCHECK_WORKERS) as pool:
        return dict(zip(distinct, pool.map(fetch, distinct), strict=True))


def links_check(*, now: dt.datetime | None = None) -> dict:
    """Check the published external links that are due (a batch of at most
    RESOURCES_LINKCHECK_BATCH, see ``links_to_check``) and record what each answered.

    A link that fails is marked broken from the first failed check (kept through later failures),
    and cleared when it answers again. One audit row per run, with the counts. The network is
    asked outside any transaction; the answers are written together afterwards.
    """
    started = time.monotonic()
    now = now or timezone.now()
    due = links_to_check(now).only("pk", "url", "link_broken_since")
    resources = list(due[: settings.RESOURCES_LINKCHECK_BATCH])
    statuses = _fetch_all([r.url for r in resources], linkcheck.fetch_status)
    newly_broken = recovered = 0
    with transaction.atomic():
        for resource in resources:
            status = statuses[resource.url]
            broken = linkcheck.is_broken(status)
            since = resource.link_broken_since
            if broken and since is None:
                since, newly_broken = now, newly_broken + 1
            elif not broken and since is not None:
                since, recovered = None, recovered + 1
            # Keyed on the link too: an edit made while the check ran is not overwritten.
            Resource.objects.filter(pk=resource.pk, url=resource.url).update(
                link_checked_at=now, link_status=status, link_broken_since=since
            )
        result = {
            "checked": len(resources),
            "broken": sum(linkcheck.is_broken(statuses[r.url]) for r in resources),
            "newly_broken": newly_broken,
            "recovered": recovered,
            "seconds": round(time.monotonic() - started, 1),
        }
        audit_record(
            actor=None, action="resources.links_checked", object_type="resources.resource", detail=result
        )
    return result
