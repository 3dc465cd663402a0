"""Core records shared by every app: people and their staff roles, the audit and access
logs, the reminder log with its email outbox, and the record of periodic sweeps."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra) -> User:
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra) -> User:
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra) -> User:
        extra.update(is_staff=True, is_superuser=True)
        return self._create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    """A person with an account. Email is the login; the display name is what others see."""

    email = models.EmailField(_("email address"), unique=True)
    display_name = models.CharField(_("display name"), max_length=120)
    is_active = models.BooleanField(_("active"), default=True)
    is_staff = models.BooleanField(
        _("admin site access"),
        default=False,
        help_text=_("Can sign in to the Django admin (national staff only)."),
    )
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)
    weekly_digest_emails = models.BooleanField(
        _("send me my group's weekly digest"),
        default=True,
        help_text=_("Group leads get a weekly summary of their group's new signatures and members."),
    )
    # The language of the person's emails and of the pages they land on after signing in.
    preferred_language = models.CharField(
        _("preferred language"), max_length=8, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["display_name"]

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["display_name", "email"]

    def __str__(self) -> str:
        return self.display_name or self.email

    def get_full_name(self) -> str:
        return self.display_name

    def get_short_name(self) -> str:
        return self.display_name

    @cached_property
    def staff_roles(self) -> frozenset[str]:
        """The staff roles this person holds, read once per request.

        The signed-in person's come with them (``role_list``, see sanctuary/auth.py)."""
        if not self.pk or not self.is_active:
            return frozenset()
        if "role_list" in self.__dict__:
            return frozenset(role for role in (self.role_list or "").split(",") if role)
        return frozenset(self.role_assignments.values_list("role", flat=True))


class Role(models.TextChoices):
    """Roles granted by national staff. Group lead and applicant are not here: they come
    from a person's relationship to a group, organisation or council."""

    NATIONAL_STAFF = "national_staff", _("National staff")
    ASSESSOR = "assessor", _("Assessor")
    SAFEGUARDING_COORDINATOR = "safeguarding_coordinator", _("Safeguarding coordinator")
    GUARDIAN = "guardian", _("Guardian")


class RoleAssignment(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="role_assignments"
    )
    role = models.CharField(max_length=32, choices=Role.choices)
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    granted_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "role"], name="unique_role_per_user"),
        ]

    def __str__(self) -> str:
        return f"{self.user} - {self.get_role_display()}"


class AppendOnlyQuerySet(models.QuerySet):
    """Audit rows are written once and never changed by the application."""

    def update(self, **kwargs):
        raise PermissionError("Audit records cannot be changed.")

    def delete(self):
        raise PermissionError("Audit records cannot be deleted.")


class AppendOnlyModel(models.Model):
    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        # Guard, not business logic: an existing row is never rewritten.
        if not self._state.adding:
            raise PermissionError("Audit records cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionError("Audit records cannot be deleted.")


class AuditEvent(AppendOnlyModel):
    """A state change: who did what to which record, when, and from where.

    ``detail`` holds machine-readable context (old and new states, reasons' presence) and
    must never hold personal data of people the platform protects.
    """

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    action = models.CharField(max_length=80)
    object_type = models.CharField(max_length=80)
    object_id = models.CharField(max_length=64)
    detail = models.JSONField(default=dict, blank=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.action} {self.object_type}#{self.object_id}"


class AccessLog(AppendOnlyModel):
    """A read of sensitive data: view, list, search, export or download."""

    class Kind(models.TextChoices):
        VIEW = "view", _("View")
        LIST = "list", _("List")
        SEARCH = "search", _("Search")
        EXPORT = "export", _("Export")
        DOWNLOAD = "download", _("Download")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    object_type = models.CharField(max_length=80)
    object_id = models.CharField(max_length=64, blank=True)
    view_name = models.CharField(max_length=120, blank=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    user_agent = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.kind} {self.object_type}#{self.object_id}"


class ReminderLog(models.Model):
    """One row per reminder or alert, keyed by (object, rule, reference date).

    The row is written in the same transaction as the emails it produces, before anything
    is sent, so a sweep that runs twice finds the key taken and sends nothing more.
    """

    object_type = models.CharField(max_length=80)
    object_id = models.CharField(max_length=64)
    rule = models.CharField(max_length=80)
    reference_date = models.DateField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["object_type", "object_id", "rule", "reference_date"],
                name="unique_reminder_key",
            )
        ]
        indexes = [models.Index(fields=["rule", "created_at"])]

    def __str__(self) -> str:
        return f"{self.rule} {self.object_type}#{self.object_id} {self.reference_date}"


class OutboundEmail(models.Model):
    """An email waiting to be sent, or sent. Rendered when it is recorded, sent by a task."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    reminder = models.ForeignKey(
        ReminderLog, on_delete=models.SET_NULL, null=True, blank=True, related_name="emails"
    )
    template = models.CharField(max_length=120)
    to = models.EmailField()
    subject = models.CharField(max_length=250)
    body_text = models.TextField()
    body_html = models.TextField(blank=True)
    headers = models.JSONField(default=dict, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.CharField(max_length=250, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    # Set by the worker about to send it; a claim older than OUTBOX_CLAIM_SECONDS was left by a
    # worker that died, and the outbox sweep may send the email again.
    claimed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "created_at"])]

    def __str__(self) -> str:
        return f"{self.template} ({self.status})"


class SweepRun(models.Model):
    """When each periodic job last finished, shown by /healthz. Named by its Celery task."""

    name = models.CharField(max_length=80, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    last_started_at = models.DateTimeField(null=True, blank=True)
    last_finished_at = models.DateTimeField(null=True, blank=True)
    last_result = models.JSONField(default=dict, blank=True)

    def __str__(self) -> str:
        return self.name


class StaffInvitation(models.Model):
    """National staff invite a person by email to take a staff role.

    The emailed link carries a signed token naming only this row (``services.invitation_token``).
    The role is granted when the invitation is accepted; until then it can be resent (which
    renews its life) or revoked. Pending, accepted, expired and revoked are derived from the
    dates below, so nothing needs a sweep to turn an invitation "expired".
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting")
        ACCEPTED = "accepted", _("Accepted")
        EXPIRED = "expired", _("Expired")
        REVOKED = "revoked", _("Revoked")

    email = models.EmailField(_("email address"))
    role = models.CharField(_("role"), max_length=32, choices=Role.choices)
    lived_experience = models.BooleanField(
        _("lived experience of seeking sanctuary"),
        default=False,
        help_text=_("Assessors only: every award panel needs at least one member with lived experience."),
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(default=timezone.now)
    send_count = models.PositiveSmallIntegerField(default=1)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["email", "role"]), models.Index(fields=["-created_at"])]

    def __str__(self) -> str:
        return f"{self.get_role_display()} invitation"

    @classmethod
    def status_filter(cls, status: str, *, now=None) -> models.Q:
        now = now or timezone.now()
        open_ = models.Q(accepted_at__isnull=True, revoked_at__isnull=True)
        return {
            cls.Status.PENDING: open_ & models.Q(expires_at__gt=now),
            cls.Status.EXPIRED: open_ & models.Q(expires_at__lte=now),
            cls.Status.ACCEPTED: models.Q(accepted_at__isnull=False),
            cls.Status.REVOKED: models.Q(revoked_at__isnull=False, accepted_at__isnull=True),
        }[cls.Status(status)]

    @property
    def status(self) -> str:
        if self.accepted_at is not None:
            return self.Status.ACCEPTED
        if self.revoked_at is not None:
            return self.Status.REVOKED
        if self.expires_at <= timezone.now():
            return self.Status.EXPIRED
        return self.Status.PENDING

    def get_status_display(self) -> str:
        return str(self.Status(self.status).label)

    @property
    def is_pending(self) -> bool:
        return self.status == self.Status.PENDING


class PrivacyNoticeVersion(models.Model):
    """The privacy notice; every edit publishes a new version and the latest one is shown.

    Old versions are kept, unchanged, so anyone can be told what the notice said when they
    signed or registered. The text is plain: a line starting with ``## `` is a heading, a blank
    line separates paragraphs, and lines starting with ``- `` make a list.
    """

    number = models.PositiveIntegerField(_("version"), unique=True)
    text = models.TextField(_("notice text"))
    summary_of_changes = models.CharField(_("what changed"), max_length=300, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    published_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-number"]
        verbose_name = _("privacy notice version")

    def __str__(self) -> str:
        return f"Privacy notice v{self.number}"
