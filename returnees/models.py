"""Returnee cases and everything a supporter circle keeps about them.

Every field that could identify or locate a person is encrypted at rest
(``EncryptedTextField``/``EncryptedCharField``). What pages filter and count on (status,
risk level, destination country, dates, check-in outcomes) stays in plain columns and
carries nothing personal, so the anonymous statistics survive anonymisation.
"""

from __future__ import annotations

import secrets
import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from returnees.countries import Country
from sanctuary.fields import EncryptedCharField, EncryptedTextField

# No 0/O or 1/I: references are read out over bad phone lines.
REFERENCE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
REFERENCE_LENGTH = 6


def new_reference() -> str:
    return "RT-" + "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(REFERENCE_LENGTH))


class Channel(models.TextChoices):
    PHONE = "phone", _("Phone call")
    SMS = "sms", _("SMS")
    WHATSAPP = "whatsapp", _("WhatsApp")
    SIGNAL = "signal", _("Signal")
    EMAIL = "email", _("Email")


class Case(models.Model):
    class Status(models.TextChoices):
        PREPARING = "preparing", _("Preparing to return")
        MONITORING = "monitoring", _("Monitoring")
        CLOSED = "closed", _("Closed")

    class Risk(models.TextChoices):
        UNASSESSED = "unassessed", _("Not yet assessed")
        LOW = "low", _("Low")
        MEDIUM = "medium", _("Medium")
        HIGH = "high", _("High")

    class ClosedReason(models.TextChoices):
        SETTLED = "settled", _("Settled safely; monitoring no longer needed")
        LOST_CONTACT = "lost_contact", _("Contact lost")
        CONSENT_WITHDRAWN = "consent_withdrawn", _("Consent withdrawn")
        RETURNED_TO_UK = "returned_to_uk", _("Came back to the UK")
        DID_NOT_TRAVEL = "did_not_travel", _("Did not travel")
        OTHER = "other", _("Other")

    class ConsentMethod(models.TextChoices):
        IN_PERSON = "in_person", _("In person, signed form")
        VERBAL = "verbal", _("Verbally, witnessed")
        PHONE = "phone", _("By phone")
        WRITTEN = "written", _("In writing (letter, email or message)")

    reference = models.CharField(
        _("reference"), max_length=12, unique=True, default=new_reference, editable=False
    )

    full_name = EncryptedCharField(_("full name"), max_length=200)
    known_as = EncryptedCharField(_("known as"), max_length=120, blank=True)
    languages = EncryptedCharField(_("languages"), max_length=200, blank=True)
    departure_date = models.DateField(_("date of departure"), null=True, blank=True)
    destination_country = models.CharField(_("destination country"), max_length=2, choices=Country.choices)
    destination_place = EncryptedCharField(_("destination town or area"), max_length=200, blank=True)
    phone_numbers = EncryptedTextField(_("phone numbers"), blank=True)
    sim_network = EncryptedTextField(_("SIM and network details"), blank=True)
    preferred_channels = EncryptedCharField(_("preferred ways to keep in touch"), max_length=200, blank=True)
    preferred_times = EncryptedCharField(_("best times to reach them"), max_length=200, blank=True)
    identification_notes = EncryptedTextField(_("identification notes"), blank=True)

    consent_scope = EncryptedTextField(_("what was agreed"), blank=True)
    consent_given_on = models.DateField(_("consent given on"), null=True, blank=True)
    consent_method = models.CharField(
        _("consent given by"), max_length=16, choices=ConsentMethod.choices, blank=True
    )
    consent_withdrawn_at = models.DateTimeField(_("consent withdrawn at"), null=True, blank=True)

    risk_level = models.CharField(
        _("risk level"), max_length=12, choices=Risk.choices, default=Risk.UNASSESSED
    )
    risk_reason = EncryptedTextField(_("reason for the risk level"), blank=True)

    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.PREPARING)
    monitoring_started_at = models.DateTimeField(_("monitoring started"), null=True, blank=True)
    closed_reason = models.CharField(
        _("reason for closing"), max_length=20, choices=ClosedReason.choices, blank=True
    )
    closed_notes = EncryptedTextField(_("closing notes"), blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    anonymised_at = models.DateTimeField(_("anonymised at"), null=True, blank=True)
    # Derived from the schedule and the check-ins by services.case_schedule_refresh; the
    # sweep and the dashboards filter on it.
    next_due_at = models.DateTimeField(_("next check-in due"), null=True, blank=True)

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    # What the coordinator's case form edits (case_create / case_update take these).
    EDITABLE_FIELDS = (
        "full_name",
        "known_as",
        "languages",
        "departure_date",
        "destination_country",
        "destination_place",
        "phone_numbers",
        "sim_network",
        "preferred_channels",
        "preferred_times",
        "identification_notes",
        "consent_scope",
        "consent_given_on",
        "consent_method",
        "risk_level",
        "risk_reason",
    )
    # Personal fields blanked by anonymisation and consent withdrawal.
    PERSONAL_FIELDS = (
        "full_name",
        "known_as",
        "languages",
        "destination_place",
        "phone_numbers",
        "sim_network",
        "preferred_channels",
        "preferred_times",
        "identification_notes",
        "consent_scope",
        "risk_reason",
        "closed_notes",
    )

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            # The coordinators' summary (selectors.coordinator_summary) counts cases by status,
            # risk and due time from this index alone: case rows are wide (encrypted details).
            models.Index(fields=["status", "risk_level", "next_due_at"], name="returnees_case_summary_idx"),
            models.Index(fields=["destination_country", "departure_date"]),
            models.Index(fields=["status", "next_due_at"]),
            models.Index(fields=["status", "closed_at"]),
            # The case lists' order (selectors.cases_by_attention): a page of 25 is read from
            # this index instead of sorting every case.
            models.Index(fields=["next_due_at", "-created_at"], name="returnees_case_attention_idx"),
        ]

    def __str__(self) -> str:
        # Never the name: this string reaches logs, admin pages and error reports.
        return self.reference

    @property
    def is_closed(self) -> bool:
        return self.status == self.Status.CLOSED

    @property
    def is_anonymised(self) -> bool:
        return self.anonymised_at is not None

    @property
    def is_overdue(self) -> bool:
        return bool(self.next_due_at and self.next_due_at <= timezone.now())


class CircleMember(models.Model):
    """A guardian in a case's supporter circle; exactly one of them may be the lead."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="circle")
    guardian = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="returnee_circles"
    )
    is_lead = models.BooleanField(_("lead guardian"), default=False)
    added_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-is_lead", "added_at"]
        constraints = [
            models.UniqueConstraint(fields=["case", "guardian"], name="returnees_unique_circle_member"),
            models.UniqueConstraint(
                fields=["case"], condition=models.Q(is_lead=True), name="returnees_one_lead_per_case"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.case.reference} - {self.guardian_id}"


class CadenceRule(models.Model):
    """From ``starts_after_days`` after monitoring began, a check-in every ``interval_days``."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="cadence_rules")
    starts_after_days = models.PositiveIntegerField(_("from day"))
    interval_days = models.PositiveIntegerField(_("every (days)"))

    class Meta:
        ordering = ["starts_after_days"]
        constraints = [
            models.UniqueConstraint(
                fields=["case", "starts_after_days"], name="returnees_unique_cadence_start"
            ),
            models.CheckConstraint(
                condition=models.Q(interval_days__gte=1), name="returnees_interval_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"day {self.starts_after_days}: every {self.interval_days} days"


class CheckIn(models.Model):
    class Wellbeing(models.TextChoices):
        SAFE = "safe", _("Safe")
        WORRIED = "worried", _("Worried")
        IN_DANGER = "in_danger", _("In danger")
        NOT_REACHED = "not_reached", _("Could not reach")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="checkins")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    occurred_at = models.DateTimeField(_("when"))
    channel = models.CharField(_("channel"), max_length=12, choices=Channel.choices)
    reached = models.BooleanField(_("reached them"))
    wellbeing = models.CharField(_("how they are"), max_length=12, choices=Wellbeing.choices)
    notes = EncryptedTextField(_("notes"), blank=True)
    needs = EncryptedTextField(_("needs"), blank=True)
    follow_up = EncryptedTextField(_("follow-up actions"), blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-occurred_at", "-pk"]
        indexes = [models.Index(fields=["case", "occurred_at"]), models.Index(fields=["wellbeing"])]

    def __str__(self) -> str:
        return f"{self.case_id} {self.occurred_at:%Y-%m-%d %H:%M}"


class Escalation(models.Model):
    class Reason(models.TextChoices):
        OVERDUE = "overdue", _("Check-in overdue past the escalation period")
        FAILED_ATTEMPTS = "failed_attempts", _("Two attempts in a row could not reach them")
        IN_DANGER = "in_danger", _("A check-in reported danger")

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        ACKNOWLEDGED = "acknowledged", _("Acknowledged")
        RESOLVED = "resolved", _("Resolved")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="escalations")
    reason = models.CharField(max_length=20, choices=Reason.choices)
    reference_date = models.DateField()
    checkin = models.ForeignKey(CheckIn, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    status = models.CharField(max_length=14, choices=Status.choices, default=Status.OPEN)
    raised_at = models.DateTimeField(default=timezone.now)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    acknowledge_notes = EncryptedTextField(_("notes on acknowledging"), blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolution_notes = EncryptedTextField(_("how it was resolved"), blank=True)

    class Meta:
        ordering = ["-raised_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["case", "reason", "reference_date"], name="returnees_unique_escalation"
            ),
        ]
        indexes = [models.Index(fields=["status", "raised_at"])]

    def __str__(self) -> str:
        return f"{self.get_reason_display()} ({self.get_status_display()})"


class InCountryContact(models.Model):
    """A trusted person or organisation in the country of return."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="contacts")
    name = EncryptedCharField(_("name of person or organisation"), max_length=200)
    role = EncryptedCharField(_("role or relationship"), max_length=200, blank=True)
    how_to_reach = EncryptedTextField(_("how to reach them"), blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at"]

    def __str__(self) -> str:
        return f"contact #{self.pk}"


class CountryNote(models.Model):
    """Dated research on the situation in the place of return, with its sources."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="country_notes")
    researched_on = models.DateField(_("researched on"))
    notes = EncryptedTextField(_("situation notes"))
    sources = EncryptedTextField(_("sources"), blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-researched_on", "-pk"]

    def __str__(self) -> str:
        return f"note {self.researched_on}"


class PlanVersion(models.Model):
    """One version of the return plan; a change makes a new version, old ones are kept."""

    SECTIONS = (
        ("travel", _("Travel and arrival")),
        ("accommodation", _("Where they will stay")),
        ("money_work", _("Money and work")),
        ("safety", _("Safety plan and warning signs")),
        ("emergency", _("What to do in an emergency")),
        ("who_to_call", _("Who to call")),
    )

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="plan_versions")
    number = models.PositiveIntegerField()
    travel = EncryptedTextField(_("travel and arrival"), blank=True)
    accommodation = EncryptedTextField(_("where they will stay"), blank=True)
    money_work = EncryptedTextField(_("money and work"), blank=True)
    safety = EncryptedTextField(_("safety plan and warning signs"), blank=True)
    emergency = EncryptedTextField(_("what to do in an emergency"), blank=True)
    who_to_call = EncryptedTextField(_("who to call"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    # The PDF as first issued (ciphertext only): a hand-over record points to exactly the
    # document that was given. Erased with the plan's text.
    encrypted_pdf = models.FileField(upload_to="returnees/", max_length=200, blank=True)

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["case", "number"], name="returnees_unique_plan_number")
        ]

    def __str__(self) -> str:
        return f"plan v{self.number}"

    def sections(self) -> list[tuple[str, str]]:
        return [(label, getattr(self, name)) for name, label in self.SECTIONS]


class PlanHandover(models.Model):
    """A record that a version of the plan was given to someone."""

    class Recipient(models.TextChoices):
        RETURNEE = "returnee", _("The person returning")
        CIRCLE = "circle", _("The supporter circle")
        CONTACT = "contact", _("The in-country contact")
        OTHER = "other", _("Someone else")

    plan = models.ForeignKey(PlanVersion, on_delete=models.CASCADE, related_name="handovers")
    recipient = models.CharField(_("given to"), max_length=10, choices=Recipient.choices)
    recipient_note = EncryptedCharField(_("who exactly (optional)"), max_length=200, blank=True)
    given_on = models.DateField(_("given on"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-given_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_recipient_display()} {self.given_on}"


class CaseDocument(models.Model):
    """A copy of an identity document or a photo. The stored file holds only ciphertext."""

    class Kind(models.TextChoices):
        IDENTITY = "identity", _("Identity document")
        PHOTO = "photo", _("Photo")
        OTHER = "other", _("Other document")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    description = EncryptedCharField(_("description"), max_length=200, blank=True)
    original_name = EncryptedCharField(max_length=120)
    content_type = models.CharField(max_length=40)
    encrypted_file = models.FileField(upload_to="returnees/", max_length=200)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"document {self.pk}"
