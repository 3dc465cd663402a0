"""Campaigns, the kinds of action they ask for, the actions people log, pledges and
personal progress.

An action type describes, as data, which details and which outcome it records (see
``campaigns.schema``), so staff can add new kinds of action without a code change.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sanctuary.geography import Nation, Region
from sanctuary.i18n import localised


class ProgressStep(models.TextChoices):
    """The personal checklist of the progress page, in the order a supporter usually goes."""

    WHY_I_CARE = "why_i_care", _("Write down why you care")
    TALK_TO_SOMEONE = "talk_to_someone", _("Talk to a friend or family member")
    WRITE_TO_MP = "write_to_mp", _("Write to your MP or a candidate")
    LOCAL_MEDIA = "local_media", _("Contact your local media")
    SHORT_PITCH = "short_pitch", _("Prepare a short pitch")
    MAKE_POSTER = "make_poster", _("Make a poster or banner")
    JOIN_EVENT = "join_event", _("Go to or run a community event")
    MEET_MP = "meet_mp", _("Meet your MP or ask a question in public")


class ActionType(models.Model):
    """A kind of action (a letter to an MP, a visual stunt...) with guidance and its fields.

    ``detail_fields`` and ``outcome_fields`` are lists of field definitions
    (``name``, ``label``, ``kind`` text/date/choice/number, ``required``, ``choices``,
    ``help``; Welsh in optional ``label_cy``, ``help_cy`` and ``choices_cy``, the latter as
    ``[value, Welsh label]`` pairs for the same values). ``rate_field``/``rate_value`` name
    the outcome answer that counts as a response for outcome rates; ``breakdown_field`` names
    the detail the rates are split by (a constituency, a newspaper...).
    """

    name = models.CharField(_("name"), max_length=120)
    # Welsh values, shown on Welsh pages and emails when filled in (sanctuary.i18n.localised).
    name_cy = models.CharField(_("name in Welsh"), max_length=120, blank=True)
    slug = models.SlugField(_("web address"), max_length=60, unique=True)
    guidance = models.TextField(_("guidance"), help_text=_("How to do this well, in a few short paragraphs."))
    guidance_cy = models.TextField(_("guidance in Welsh"), blank=True)
    detail_fields = models.JSONField(_("details to record"), default=list, blank=True)
    outcome_fields = models.JSONField(_("outcome to record"), default=list, blank=True)
    expects_outcome = models.BooleanField(
        _("expects a response"),
        default=False,
        help_text=_("Set from the outcome fields: people are asked later how it went."),
    )
    rate_field = models.CharField(_("outcome field counted as a response"), max_length=40, blank=True)
    rate_value = models.CharField(_("answer counted as a response"), max_length=40, blank=True)
    breakdown_field = models.CharField(_("detail to break outcome rates down by"), max_length=40, blank=True)
    progress_step = models.CharField(
        _("progress step it completes"), max_length=30, choices=ProgressStep.choices, blank=True
    )
    position = models.PositiveSmallIntegerField(_("position"), default=100)
    is_active = models.BooleanField(_("offered on new campaigns"), default=True)

    class Meta:
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name


class Campaign(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")

    class GoalKind(models.TextChoices):
        ACTIONS = "actions", _("Actions")
        PLEDGES = "pledges", _("Pledge signatures")

    title = models.CharField(_("title"), max_length=150)
    # Welsh values (``<field>_cy``), shown on Welsh pages and in Welsh emails when filled in
    # (sanctuary.i18n.localised); the English ones otherwise, and always in the feed.
    title_cy = models.CharField(_("title in Welsh"), max_length=150, blank=True)
    slug = models.SlugField(_("web address"), max_length=80, unique=True)
    summary = models.CharField(_("summary"), max_length=300)
    summary_cy = models.CharField(_("summary in Welsh"), max_length=300, blank=True)
    body = models.TextField(_("about the campaign"), blank=True)
    body_cy = models.TextField(_("about the campaign in Welsh"), blank=True)
    starts_on = models.DateField(_("starts"))
    ends_on = models.DateField(_("ends"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    goal_kind = models.CharField(
        _("goal counts"), max_length=10, choices=GoalKind.choices, default=GoalKind.ACTIONS
    )
    goal_target = models.PositiveIntegerField(_("goal"), default=0)
    action_types = models.ManyToManyField(
        ActionType, related_name="campaigns", blank=True, verbose_name=_("actions it asks for")
    )
    pledge_statement = models.TextField(
        _("pledge statement"), blank=True, help_text=_("Leave empty if this campaign has no pledge.")
    )
    # Whether there is a pledge is the English statement's to say; the Welsh only words it.
    pledge_statement_cy = models.TextField(_("pledge statement in Welsh"), blank=True)
    pledge_principles = models.TextField(
        _("pledge principles"), blank=True, help_text=_("One principle per line.")
    )
    pledge_principles_cy = models.TextField(
        _("pledge principles in Welsh"), blank=True, help_text=_("One principle per line.")
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-starts_on", "title"]
        indexes = [models.Index(fields=["status", "starts_on"])]

    def __str__(self) -> str:
        return self.title

    @property
    def has_pledge(self) -> bool:
        return bool(self.pledge_statement.strip())

    @property
    def principles(self) -> list[str]:
        """The principles, one a line, in the active language (the English when no Welsh)."""
        return [line.strip() for line in localised(self, "pledge_principles").splitlines() if line.strip()]

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN


def action_photo_path(instance, filename: str) -> str:
    # The upload helper already gave the file a random name; keep it under our folder.
    return f"campaigns/photos/{filename}"


class Action(models.Model):
    """Something a person (or a group, through its lead) did for a campaign."""

    campaign = models.ForeignKey(Campaign, on_delete=models.PROTECT, related_name="actions", db_index=False)
    action_type = models.ForeignKey(
        ActionType, on_delete=models.PROTECT, related_name="actions", db_index=False
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="campaign_actions", db_index=False
    )
    group = models.ForeignKey(
        "groups.Group",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="campaign_actions",
        verbose_name=_("on behalf of group"),
        db_index=False,
    )
    done_on = models.DateField(_("date"))
    place = models.CharField(_("postcode district or town"), max_length=80, blank=True)
    nation = models.CharField(_("nation"), max_length=20, choices=Nation.choices)
    region = models.CharField(_("region"), max_length=20, choices=Region.choices)
    details = models.JSONField(_("details"), default=dict, blank=True)
    breakdown_value = models.CharField(max_length=120, blank=True, editable=False)
    # Areas from the geography register: the constituency chosen through the MP lookup (or the
    # one the place's postcode lies in) and the council of the place, so local figures and reply
    # rates by constituency count exact codes rather than what people typed.
    constituency_code = models.CharField(max_length=9, blank=True, editable=False, db_index=True)
    council_gss = models.CharField(max_length=9, blank=True, editable=False, db_index=True)
    link = models.URLField(_("link"), blank=True)
    photo = models.FileField(upload_to=action_photo_path, blank=True)
    is_public = models.BooleanField(_("shown publicly"), default=False)
    outcome = models.JSONField(_("outcome"), null=True, blank=True)
    outcome_positive = models.BooleanField(null=True, editable=False)
    outcome_recorded_at = models.DateTimeField(null=True, blank=True)
    follow_up_settled_at = models.DateTimeField(
        null=True, blank=True, help_text=_("When the follow-up email was sent or skipped.")
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-done_on", "-created_at"]
        # The dashboard filters by campaign, type, region or group, each with or without dates:
        # each of those leads an index with the date after it. The foreign keys need no index of
        # their own: each leads one of these.
        indexes = [
            models.Index(fields=["campaign", "done_on"]),
            models.Index(fields=["campaign", "is_public", "done_on"]),
            models.Index(fields=["campaign", "action_type"]),
            models.Index(fields=["campaign", "region"]),
            models.Index(fields=["action_type", "done_on"], name="campaigns_action_type_done"),
            models.Index(fields=["region", "done_on"], name="campaigns_action_region_done"),
            models.Index(fields=["done_on"], name="campaigns_action_done"),
            models.Index(fields=["group", "done_on"]),
            models.Index(fields=["user", "created_at"]),
            # Only the actions still awaiting a follow-up, by date: what the sweep reads.
            models.Index(
                fields=["done_on"],
                name="campaigns_action_follow_up",
                condition=models.Q(follow_up_settled_at__isnull=True, outcome_recorded_at__isnull=True),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.action_type} ({self.done_on})"

    @property
    def has_outcome(self) -> bool:
        return self.outcome_recorded_at is not None


class SupporterPreference(models.Model):
    """Per-person campaign settings: whether follow-up emails may be sent."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="campaign_preference"
    )
    follow_up_emails = models.BooleanField(_("send me 'how did it go?' emails"), default=True)
    updated_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"{self.user} preferences"


class ProgressTick(models.Model):
    """A step a supporter ticked on their checklist by hand."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="campaign_progress"
    )
    step = models.CharField(max_length=30, choices=ProgressStep.choices)
    ticked_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "step"], name="unique_progress_step")]

    def __str__(self) -> str:
        return f"{self.user} {self.step}"


class PledgeSignature(models.Model):
    """A signature on a campaign's pledge. It counts only once the email is confirmed."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="signatures")
    name = models.CharField(_("your name"), max_length=120)
    email = models.EmailField(_("email address"))
    town = models.CharField(_("town"), max_length=80, blank=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["campaign", "email"], name="unique_pledge_email"),
        ]
        indexes = [models.Index(fields=["campaign", "confirmed_at"])]

    def __str__(self) -> str:
        return f"Signature #{self.pk} on {self.campaign}"

    @property
    def is_confirmed(self) -> bool:
        return self.confirmed_at is not None
