"""The resource library: guidance, toolkits and packs that staff curate for the network."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# A resource is looked at again after this long, unless staff choose another date.
REVIEW_AFTER = dt.timedelta(days=365)


def review_by_default() -> dt.date:
    return timezone.localdate() + REVIEW_AFTER


class Topic(models.Model):
    """A small curated list (welcome, mental health, speaking up...) that staff keep in the admin."""

    name = models.CharField(_("name"), max_length=80, unique=True)
    slug = models.SlugField(_("web address"), max_length=80, unique=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name


class Resource(models.Model):
    class Audience(models.TextChoices):
        PUBLIC = "public", _("Everyone")
        MEMBERS = "members", _("Signed-in members only")

    class Status(models.TextChoices):
        PUBLISHED = "published", _("Published")
        ARCHIVED = "archived", _("Archived")

    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), help_text=_("In our own words: what it is and who it helps."))
    # Exactly one of a file (stored privately, served by a checked view) or an external link.
    file = models.FileField(_("file"), upload_to="resources/", max_length=200, blank=True)
    original_name = models.CharField(max_length=120, blank=True)
    url = models.URLField(_("link"), max_length=500, blank=True)
    streams = models.ManyToManyField(
        "awards.Stream", verbose_name=_("award streams"), related_name="resources", blank=True
    )
    topics = models.ManyToManyField(Topic, verbose_name=_("topics"), related_name="resources", blank=True)
    audience = models.CharField(_("who can see it"), max_length=10, choices=Audience.choices)
    review_by = models.DateField(_("review by"), default=review_by_default)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PUBLISHED)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    # The weekly link check (resources.tasks.link_check_sweep); empty for files.
    link_checked_at = models.DateTimeField(null=True, blank=True)
    link_status = models.PositiveSmallIntegerField(null=True, blank=True)
    link_broken_since = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["title", "pk"]
        indexes = [
            models.Index(fields=["status", "audience", "title"], name="resource_list_idx"),
            models.Index(fields=["status", "review_by"], name="resource_review_idx"),
            models.Index(
                fields=["link_broken_since"],
                name="resource_broken_idx",
                condition=models.Q(link_broken_since__isnull=False),
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(file="") & ~models.Q(url="")) | (~models.Q(file="") & models.Q(url="")),
                name="resource_file_xor_link",
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_file(self) -> bool:
        return bool(self.file)

    @property
    def is_public(self) -> bool:
        return self.audience == self.Audience.PUBLIC

    def due_for_review(self, today: dt.date | None = None) -> bool:
        return self.review_by < (today or timezone.localdate())

    @property
    def link_is_broken(self) -> bool:
        return self.link_broken_since is not None


class Suggestion(models.Model):
    """A resource a group lead thinks the library should hold; staff approve or decline it."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for staff")
        APPROVED = "approved", _("Approved")
        DECLINED = "declined", _("Declined")

    suggested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="resource_suggestions"
    )
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("what it is and why it helps"))
    url = models.URLField(_("link"), max_length=500, blank=True)
    file = models.FileField(_("file"), upload_to="resources/suggestions/", max_length=200, blank=True)
    original_name = models.CharField(max_length=120, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    decision_reason = models.TextField(blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    resource = models.ForeignKey(
        Resource, on_delete=models.SET_NULL, related_name="suggestions", null=True, blank=True
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["status", "created_at"], name="suggestion_queue_idx")]

    def __str__(self) -> str:
        return self.title
