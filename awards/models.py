"""Stream Sanctuary Awards: streams and their criteria, applications with evidence, panels
and reviews, awards with certificates, and re-accreditation.

Criteria are edited in place by national staff; a submitted application keeps the text it
was judged against because each answer snapshots its criterion at submission.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from sanctuary.terms import Reminders

# Paths under /awards/ that a stream slug must never shadow.
RESERVED_SLUGS = frozenset(
    {"verify", "apply", "applications", "review", "staff", "endorsements", "my-awards", "interest"}
)


class Principle(models.TextChoices):
    LEARN = "learn", _("Learn")
    EMBED = "embed", _("Embed")
    SHARE = "share", pgettext_lazy("award principle", "Share")


PRINCIPLE_ORDER = {Principle.LEARN: 0, Principle.EMBED: 1, Principle.SHARE: 2}


class Stream(models.Model):
    """A sector the awards recognise (schools, libraries, theatres...)."""

    class Window(models.TextChoices):
        OPEN = "open", _("Open all year")
        CLOSED = "closed", _("Closed")
        DATES = "dates", _("Open between fixed dates")

    name = models.CharField(_("name"), max_length=120)
    # Welsh values (``<field>_cy``), shown on Welsh pages, emails and certificates when filled
    # in (sanctuary.i18n.localised); the English ones otherwise, and always in open data.
    name_cy = models.CharField(_("name in Welsh"), max_length=120, blank=True)
    award_title = models.CharField(
        _("award title"), max_length=120, help_text=_("For example 'School of Sanctuary'.")
    )
    award_title_cy = models.CharField(_("award title in Welsh"), max_length=120, blank=True)
    slug = models.SlugField(_("web address"), max_length=60, unique=True)
    summary = models.TextField(_("summary"))
    summary_cy = models.TextField(_("summary in Welsh"), blank=True)
    how_to_apply = models.TextField(_("how to apply"), blank=True)
    how_to_apply_cy = models.TextField(_("how to apply in Welsh"), blank=True)
    window = models.CharField(
        _("application window"), max_length=10, choices=Window.choices, default=Window.OPEN
    )
    opens_on = models.DateField(_("opens on"), null=True, blank=True)
    closes_on = models.DateField(_("closes on"), null=True, blank=True)
    cohort = models.CharField(
        _("current cohort"),
        max_length=40,
        blank=True,
        help_text=_("A label such as '2026 spring'; applications started now join this cohort."),
    )
    cohort_cap = models.PositiveIntegerField(
        _("cap per cohort"),
        null=True,
        blank=True,
        help_text=_("Leave empty for no limit on applications in the cohort."),
    )
    is_published = models.BooleanField(_("published"), default=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        errors = {}
        if self.slug in RESERVED_SLUGS:
            errors["slug"] = _("This web address is used by another awards page; choose another.")
        if self.window == self.Window.DATES and not (self.opens_on and self.closes_on):
            errors["closes_on"] = _("Give both dates for a fixed window.")
        elif self.opens_on and self.closes_on and self.closes_on < self.opens_on:
            errors["closes_on"] = _("The window must close after it opens.")
        if errors:
            raise ValidationError(errors)

    def window_open(self, today: dt.date | None = None) -> bool:
        today = today or timezone.localdate()
        if self.window == self.Window.OPEN:
            return True
        if self.window == self.Window.DATES:
            return bool(self.opens_on and self.closes_on and self.opens_on <= today <= self.closes_on)
        return False


class Criterion(models.Model):
    """One requirement of a stream. Retire rather than delete: answers point here."""

    stream = models.ForeignKey(Stream, on_delete=models.CASCADE, related_name="criteria")
    principle = models.CharField(_("principle"), max_length=10, choices=Principle.choices)
    title = models.CharField(_("name"), max_length=200)
    # Welsh values, shown like the stream's (sanctuary.i18n.localised).
    title_cy = models.CharField(_("name in Welsh"), max_length=200, blank=True)
    description = models.TextField(_("description"))
    description_cy = models.TextField(_("description in Welsh"), blank=True)
    guidance = models.TextField(_("guidance"), blank=True)
    guidance_cy = models.TextField(_("guidance in Welsh"), blank=True)
    is_minimum = models.BooleanField(_("minimum requirement"), default=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta:
        ordering = ["stream", "order", "pk"]
        verbose_name_plural = _("criteria")
        indexes = [models.Index(fields=["stream", "is_active"])]

    def __str__(self) -> str:
        return self.title


class AssessorProfile(models.Model):
    """What the awards need to know about a panel member beyond their role."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="assessor_profile"
    )
    lived_experience = models.BooleanField(
        _("lived experience of seeking sanctuary"),
        default=False,
        help_text=_("Every panel needs at least one member with lived experience."),
    )

    def __str__(self) -> str:
        return str(self.user)


class InterestRegistration(models.Model):
    """An organisation asking to hear when a closed stream opens."""

    stream = models.ForeignKey(Stream, on_delete=models.CASCADE, related_name="interest")
    organisation = models.ForeignKey("groups.Organisation", on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["stream", "organisation"], name="unique_award_interest"),
        ]

    def __str__(self) -> str:
        return f"{self.organisation_id} in {self.stream_id}"


class Application(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        IN_REVIEW = "in_review", _("In review")
        MORE_EVIDENCE = "more_evidence", _("More evidence requested")
        AWARDED = "awarded", _("Awarded")
        NOT_AWARDED = "not_awarded", _("Not awarded")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    OPEN_STATES = (Status.DRAFT, Status.SUBMITTED, Status.IN_REVIEW, Status.MORE_EVIDENCE)

    stream = models.ForeignKey(Stream, on_delete=models.PROTECT, related_name="applications")
    organisation = models.ForeignKey(
        "groups.Organisation", on_delete=models.PROTECT, related_name="award_applications"
    )
    applicant = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    group = models.ForeignKey(
        "groups.Group",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="award_applications",
        verbose_name=_("local group"),
    )
    cohort = models.CharField(max_length=40, blank=True)
    commitments = models.TextField(
        _("commitments for the next three years"),
        blank=True,
        help_text=_("What your organisation plans to keep doing or start doing while it holds the award."),
    )
    previous_award = models.ForeignKey(
        "Award", on_delete=models.PROTECT, null=True, blank=True, related_name="reaccreditations"
    )
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.DRAFT)
    status_changed_at = models.DateTimeField(default=timezone.now)
    submitted_at = models.DateTimeField(null=True, blank=True)
    review_due_on = models.DateField(null=True, blank=True)
    decision_feedback = models.TextField(blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["status", "stream"]),
            models.Index(fields=["stream", "cohort"]),
            # The staff queue's order: its page is read from here, not sorted from every row.
            models.Index(fields=["-status_changed_at", "id"], name="awards_app_changed_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} - {self.stream}"

    @property
    def is_open(self) -> bool:
        return self.status in self.OPEN_STATES

    @property
    def is_reaccreditation(self) -> bool:
        return self.previous_award_id is not None


class StateSpan(models.Model):
    """How long an application stayed in each state (for the staff dashboard)."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="spans")
    status = models.CharField(max_length=16, choices=Application.Status.choices)
    entered_at = models.DateTimeField(default=timezone.now)
    left_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["entered_at", "pk"]
        indexes = [models.Index(fields=["status", "left_at"])]

    def __str__(self) -> str:
        return f"{self.application_id} {self.status}"


class Answer(models.Model):
    """The applicant's account for one criterion; the criterion's text is copied in on submission."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="answers")
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="answers")
    account = models.TextField(_("what you have done"), blank=True)
    links = models.TextField(_("links to evidence"), blank=True)
    complete = models.BooleanField(default=False)
    # Reopened by a request for more evidence; cleared when the applicant resubmits.
    reopened = models.BooleanField(default=False)
    snapshot_title = models.CharField(max_length=200, blank=True)
    snapshot_title_cy = models.CharField(max_length=200, blank=True)
    snapshot_description = models.TextField(blank=True)
    snapshot_description_cy = models.TextField(blank=True)
    snapshot_principle = models.CharField(max_length=10, choices=Principle.choices, blank=True)
    snapshot_is_minimum = models.BooleanField(default=False)
    snapshot_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["criterion__order", "criterion_id"]
        constraints = [
            models.UniqueConstraint(fields=["application", "criterion"], name="unique_answer_per_criterion"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return self.snapshot_title or self.criterion.title

    @property
    def description(self) -> str:
        return self.snapshot_description or self.criterion.description

    # The Welsh comes from the same place as the English: once the criterion is frozen, a
    # Welsh value written later does not reach this answer (it shows the frozen English).
    @property
    def title_cy(self) -> str:
        return self.snapshot_title_cy if self.snapshot_title else self.criterion.title_cy

    @property
    def description_cy(self) -> str:
        return self.snapshot_description_cy if self.snapshot_description else self.criterion.description_cy

    @property
    def principle(self) -> str:
        return self.snapshot_principle or self.criterion.principle

    @property
    def progress(self) -> str:
        if self.complete:
            return "complete"
        if self.account.strip() or self.links.strip():
            return "in_progress"
        return "not_started"

    def link_list(self) -> list[str]:
        return [line.strip() for line in self.links.splitlines() if line.strip()]


class Evidence(models.Model):
    answer = models.ForeignKey(Answer, on_delete=models.CASCADE, related_name="evidence")
    file = models.FileField(upload_to="awards/evidence/")
    original_name = models.CharField(max_length=120)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["uploaded_at", "pk"]

    def __str__(self) -> str:
        return self.original_name


class Endorsement(models.Model):
    """The local group's view of an application: shown to the panel, never a blocker."""

    class Status(models.TextChoices):
        REQUESTED = "requested", _("Waiting for the group")
        ENDORSED = "endorsed", _("Endorsed")
        COMMENTED = "commented", _("Commented without endorsing")

    application = models.OneToOneField(Application, on_delete=models.CASCADE, related_name="endorsement")
    group = models.ForeignKey("groups.Group", on_delete=models.CASCADE, related_name="award_endorsements")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.REQUESTED)
    comment = models.TextField(_("comment"), blank=True)
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    requested_at = models.DateTimeField(default=timezone.now)
    responded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["group", "status"])]

    def __str__(self) -> str:
        return f"{self.application_id} {self.status}"


class PanelMember(models.Model):
    class Conflict(models.TextChoices):
        UNDECLARED = "undeclared", _("Not yet declared")
        NONE = "none", _("No conflict")
        DECLARED = "declared", _("Conflict declared")

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="panel")
    assessor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="award_panels"
    )
    conflict = models.CharField(max_length=12, choices=Conflict.choices, default=Conflict.UNDECLARED)
    added_at = models.DateTimeField(default=timezone.now)
    review_submitted_at = models.DateTimeField(null=True, blank=True)
    # Set when national staff reopen a submitted review; the reason is shown to its author.
    reopened_at = models.DateTimeField(null=True, blank=True)
    reopen_reason = models.TextField(_("why the review was reopened"), blank=True)

    class Meta:
        ordering = ["added_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["application", "assessor"], name="unique_panel_member"),
        ]
        indexes = [
            models.Index(fields=["assessor", "conflict"]),
            # An assessor's review list, newest seat first.
            models.Index(fields=["assessor", "-added_at", "id"], name="awards_panel_assessor_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.assessor} on {self.application_id}"

    @property
    def is_active(self) -> bool:
        return self.conflict != self.Conflict.DECLARED


class Review(models.Model):
    class Outcome(models.TextChoices):
        MET = "met", _("Met")
        PARTLY = "partly", _("Partly met")
        NOT_MET = "not_met", _("Not met")

    member = models.ForeignKey(PanelMember, on_delete=models.CASCADE, related_name="reviews")
    answer = models.ForeignKey(Answer, on_delete=models.CASCADE, related_name="reviews")
    outcome = models.CharField(max_length=10, choices=Outcome.choices)
    comment = models.TextField(blank=True)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["member", "answer"], name="unique_review_per_answer"),
        ]

    def __str__(self) -> str:
        return f"{self.member_id} {self.answer_id} {self.outcome}"


class EvidenceRequest(models.Model):
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="evidence_requests")
    answers = models.ManyToManyField(Answer, related_name="evidence_requests")
    note = models.TextField()
    due_on = models.DateField()
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.application_id} due {self.due_on}"


class AwardQuerySet(models.QuerySet):
    def current(self, today: dt.date | None = None):
        """Held today: dates decide, so an expired award leaves listings without a sweep."""
        today = today or timezone.localdate()
        return self.filter(status=Award.Status.CURRENT, awarded_on__lte=today, expires_on__gt=today)


# Reminders before an award expires; re-accreditation opens with the first.
REACCREDITATION_REMINDERS = Reminders.of(
    (
        ("awards.reaccreditation_3_months", 3),
        ("awards.reaccreditation_1_month", 1),
        ("awards.reaccreditation_expired", 0),
    )
)


class Award(models.Model):
    class Status(models.TextChoices):
        CURRENT = "current", _("Current")
        RENEWED = "renewed", _("Renewed")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    number = models.CharField(max_length=20, unique=True)
    application = models.OneToOneField(Application, on_delete=models.PROTECT, related_name="award")
    stream = models.ForeignKey(Stream, on_delete=models.PROTECT, related_name="awards")
    organisation = models.ForeignKey("groups.Organisation", on_delete=models.PROTECT, related_name="awards")
    awarded_on = models.DateField()
    expires_on = models.DateField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.CURRENT)
    successor = models.OneToOneField(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="predecessor"
    )
    verification_code = models.CharField(max_length=40, unique=True)
    certificate = models.FileField(upload_to="awards/certificates/", blank=True)
    certificate_generated_at = models.DateTimeField(null=True, blank=True)

    objects = AwardQuerySet.as_manager()

    class Meta:
        ordering = ["-awarded_on", "pk"]
        indexes = [
            models.Index(fields=["stream", "status", "expires_on"]),
            models.Index(fields=["expires_on"]),
        ]

    def __str__(self) -> str:
        return self.number

    def state(self, today: dt.date | None = None) -> str:
        """current | expiring | renewed | expired | withdrawn, as of ``today``."""
        today = today or timezone.localdate()
        if self.status == self.Status.WITHDRAWN:
            return "withdrawn"
        if self.status == self.Status.RENEWED:
            return "renewed"
        if self.expires_on <= today:
            return "expired"
        if self.renewal_opens_on <= today:
            return "expiring"
        return "current"

    @property
    def renewal_opens_on(self) -> dt.date:
        return REACCREDITATION_REMINDERS.window_opens_on(self.expires_on)

    def is_current(self, today: dt.date | None = None) -> bool:
        return self.state(today) in ("current", "expiring")
