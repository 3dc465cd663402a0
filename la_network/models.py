import datetime as dt

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sanctuary.geography import Nation, Region
from sanctuary.verification import CODE_MAX_LENGTH, verification_code


class LocalAuthority(models.Model):
    """A council from mySociety's public register; former councils are kept for history."""

    code = models.CharField(_("register code"), max_length=10, unique=True)
    official_name = models.CharField(_("official name"), max_length=200)
    short_name = models.CharField(_("name"), max_length=120)
    gss_code = models.CharField(_("GSS code"), max_length=12, blank=True)
    nation = models.CharField(_("nation"), max_length=20, choices=Nation.choices)
    region = models.CharField(_("region"), max_length=20, choices=Region.choices, blank=True)
    authority_type = models.CharField(_("type"), max_length=80, blank=True)
    latitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    is_current = models.BooleanField(_("current"), default=True)
    end_date = models.DateField(null=True, blank=True)

    class Meta:
        verbose_name = _("local authority")
        verbose_name_plural = _("local authorities")
        ordering = ["short_name"]
        indexes = [models.Index(fields=["is_current", "nation", "region"])]

    def __str__(self) -> str:
        return self.short_name


class CouncilContact(models.Model):
    """A person acting for a council: the 'applicant' role of the network.

    Anyone may say they act for a council when they start an application; only a
    verified link (made by staff, or on approval of that person's application) opens the
    council's other applications, its certificate, its logo and the peer network.
    """

    class Role(models.TextChoices):
        OFFICER = "officer", _("Council officer")
        COUNCILLOR = "councillor", _("Councillor")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="council_contacts"
    )
    local_authority = models.ForeignKey(LocalAuthority, on_delete=models.CASCADE, related_name="contacts")
    role = models.CharField(_("role"), max_length=12, choices=Role.choices, default=Role.OFFICER)
    verified = models.BooleanField(_("verified"), default=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "local_authority"], name="unique_council_contact"),
        ]
        indexes = [models.Index(fields=["local_authority", "verified"])]

    def __str__(self) -> str:
        return f"{self.user} for {self.local_authority}"


class Requirement(models.TextChoices):
    """The five requirements of membership, in the order the form asks for them."""

    MOTION = "motion", _("Council motion")
    CHARTER = "charter", _("Charter")
    LOCAL_GROUP = "local_group", _("Working with the local group")
    STRATEGY = "strategy", _("Written strategy")
    CONTACTS = "contacts", _("Contacts")


def _document_path(instance, filename: str) -> str:
    return f"la_network/{filename}"


class Application(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        IN_REVIEW = "in_review", _("In review")
        CHANGES_REQUESTED = "changes_requested", _("Changes requested")
        APPROVED = "approved", _("Approved")
        DECLINED = "declined", _("Declined")

    AWAITING_STAFF = (Status.SUBMITTED, Status.IN_REVIEW)

    local_authority = models.ForeignKey(LocalAuthority, on_delete=models.PROTECT, related_name="applications")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="la_applications"
    )
    renewal_of = models.ForeignKey(
        "Membership", on_delete=models.SET_NULL, null=True, blank=True, related_name="renewals"
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    # Sections a renewal must look at again before it can be submitted.
    sections_to_confirm = models.JSONField(default=list, blank=True)

    # 1. Council motion
    motion_passed_on = models.DateField(_("date the motion was passed"), null=True, blank=True)
    motion_title = models.CharField(_("title of the motion"), max_length=250, blank=True)
    motion_minutes_url = models.URLField(_("link to the published minutes"), blank=True)
    motion_document = models.FileField(_("motion document"), upload_to=_document_path, blank=True)

    # 2. Charter
    charter_signed_on = models.DateField(_("date the charter was signed"), null=True, blank=True)
    charter_signatory_name = models.CharField(_("signed by (name)"), max_length=150, blank=True)
    charter_signatory_role = models.CharField(_("signed by (role)"), max_length=150, blank=True)

    # 3. Working with the local group
    groups = models.ManyToManyField("groups.Group", blank=True, related_name="la_applications")
    joint_work = models.TextField(_("how the council works with the group"), blank=True)
    endorsement_waived = models.BooleanField(default=False)
    endorsement_waiver_reason = models.TextField(blank=True)
    endorsement_waived_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    # 4. Written strategy
    strategy_title = models.CharField(_("strategy title"), max_length=250, blank=True)
    strategy_url = models.URLField(_("public link to the strategy"), blank=True)
    strategy_document = models.FileField(_("strategy document"), upload_to=_document_path, blank=True)
    strategy_starts_on = models.DateField(_("strategy start date"), null=True, blank=True)
    strategy_ends_on = models.DateField(_("strategy end date"), null=True, blank=True)

    # 5. Contacts
    councillor_name = models.CharField(_("councillor's name"), max_length=150, blank=True)
    councillor_email = models.EmailField(_("councillor's email"), blank=True)
    councillor_portfolio = models.CharField(_("councillor's portfolio"), max_length=200, blank=True)
    officer_name = models.CharField(_("officer's name"), max_length=150, blank=True)
    officer_email = models.EmailField(_("officer's email"), blank=True)
    officer_job_title = models.CharField(_("officer's job title"), max_length=200, blank=True)

    submitted_at = models.DateTimeField(null=True, blank=True)
    first_submitted_at = models.DateTimeField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decision_reason = models.TextField(blank=True)
    changes_note = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["status", "submitted_at"]),
            models.Index(fields=["local_authority", "status"]),
        ]

    def __str__(self) -> str:
        return f"{self.local_authority} ({self.get_status_display()})"

    @property
    def status_label(self) -> str:
        """get_status_display without its walk over every choice: long lists show it per row."""
        return self.Status(self.status).label


class Endorsement(models.Model):
    """A named group's answer to a council's request for endorsement."""

    class Status(models.TextChoices):
        REQUESTED = "requested", _("Awaiting the group")
        ENDORSED = "endorsed", _("Endorsed")
        DECLINED = "declined", _("Declined")

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="endorsements")
    group = models.ForeignKey("groups.Group", on_delete=models.CASCADE, related_name="la_endorsements")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.REQUESTED)
    statement = models.TextField(_("statement"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    requested_at = models.DateTimeField(default=timezone.now)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["requested_at"]
        constraints = [
            models.UniqueConstraint(fields=["application", "group"], name="unique_endorsement_per_group"),
        ]
        indexes = [models.Index(fields=["group", "status"])]

    def __str__(self) -> str:
        return f"{self.group} on {self.application_id}: {self.status}"


class RequirementReview(models.Model):
    """A staff member's check of one requirement, with a note shown to the applicant."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="reviews")
    requirement = models.CharField(max_length=20, choices=Requirement.choices)
    verified = models.BooleanField(_("verified"), default=False)
    note = models.TextField(_("note"), blank=True)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["application", "requirement"], name="unique_requirement_review"),
        ]

    def __str__(self) -> str:
        return f"{self.requirement} on {self.application_id}"


class Membership(models.Model):
    """Three years of membership from approval; a renewal starts the day after the last one ends."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        RENEWED = "renewed", _("Renewed")
        LAPSED = "lapsed", _("Lapsed")

    local_authority = models.ForeignKey(LocalAuthority, on_delete=models.PROTECT, related_name="memberships")
    application = models.OneToOneField(Application, on_delete=models.PROTECT, related_name="membership")
    starts_on = models.DateField(_("member from"))
    ends_on = models.DateField(_("member until"))
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.ACTIVE)
    lapsed_on = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    # Rendered the first time it is downloaded, then served as issued.
    certificate = models.FileField(upload_to="la_network/certificates/", blank=True)
    # In the certificate's link and QR code: the public page that says whether the term is real
    # and current finds it by this (sanctuary.verification), never by its number.
    verification_code = models.CharField(
        max_length=CODE_MAX_LENGTH, unique=True, default=verification_code, editable=False
    )

    class Meta:
        ordering = ["-starts_on"]
        indexes = [
            models.Index(fields=["status", "ends_on"]),
            models.Index(fields=["starts_on", "ends_on"]),
        ]

    def __str__(self) -> str:
        return f"{self.local_authority} {self.starts_on} to {self.ends_on}"

    def is_active_on(self, day: dt.date) -> bool:
        return self.status != self.Status.LAPSED and self.starts_on <= day <= self.ends_on


class WorkingGroupMember(models.Model):
    """Someone on the working group that guides the network."""

    class Place(models.TextChoices):
        LIVED_EXPERIENCE = "lived_experience", _("Lived experience of seeking sanctuary")
        COUNCILLOR = "councillor", _("Councillor")
        OFFICER = "officer", _("Council officer")
        GROUP = "group", _("City of Sanctuary group")
        NATIONAL_TEAM = "national_team", _("National team")
        TRUSTEE = "trustee", _("Trustee")

    name = models.CharField(_("name"), max_length=150)
    place = models.CharField(_("place on the group"), max_length=20, choices=Place.choices)
    local_authority = models.ForeignKey(
        LocalAuthority,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("council"),
    )
    group = models.ForeignKey(
        "groups.Group",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("local group"),
    )
    joined_on = models.DateField(_("joined"), default=dt.date.today)
    left_on = models.DateField(_("left"), null=True, blank=True)

    class Meta:
        ordering = ["place", "name"]

    def __str__(self) -> str:
        return self.name
