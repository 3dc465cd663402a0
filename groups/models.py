from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sanctuary.geography import Nation, Region


class Group(models.Model):
    """A local City of Sanctuary group."""

    class Status(models.TextChoices):
        FORMING = "forming", _("Forming")
        ACTIVE = "active", _("Active")
        DORMANT = "dormant", _("Dormant")
        CLOSED = "closed", _("Closed")

    name = models.CharField(_("name"), max_length=150)
    slug = models.SlugField(_("web address"), max_length=80, unique=True)
    area_served = models.CharField(_("area served"), max_length=200)
    nation = models.CharField(_("nation"), max_length=20, choices=Nation.choices)
    region = models.CharField(_("region"), max_length=20, choices=Region.choices)
    local_authorities = models.ManyToManyField(
        "la_network.LocalAuthority",
        blank=True,
        related_name="groups",
        verbose_name=_("local authorities covered"),
    )
    description = models.TextField(_("description"), blank=True)
    website = models.URLField(_("website"), blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.FORMING)
    founded_on = models.DateField(_("founded"), null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    facebook_url = models.URLField(_("Facebook page"), blank=True)
    instagram_url = models.URLField(_("Instagram"), blank=True)
    other_social_url = models.URLField(_("other social media link"), blank=True)
    # Stored privately under a random name; served by groups:logo after a public check.
    logo = models.FileField(_("logo"), blank=True, upload_to="group-logos/")
    # Where the group meets, for "find a group near me": a public place's postcode (or its
    # outward code), and the point derived from it through the geography register.
    postcode = models.CharField(
        _("postcode where the group meets"),
        max_length=8,
        blank=True,
        help_text=_("A public meeting place, or just the first half (for example AB10)."),
    )
    latitude = models.FloatField(null=True, blank=True, editable=False)
    longitude = models.FloatField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["name"]
        indexes = [
            models.Index(fields=["status", "nation", "region"]),
            models.Index(fields=["latitude", "longitude"]),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def social_links(self) -> list[tuple[str, str]]:
        links = [
            (_("Facebook"), self.facebook_url),
            (_("Instagram"), self.instagram_url),
            (_("Social media"), self.other_social_url),
        ]
        return [(label, url) for label, url in links if url]


class GroupMembership(models.Model):
    class Role(models.TextChoices):
        LEAD = "lead", _("Lead")
        MEMBER = "member", _("Member")

    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="group_memberships"
    )
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.MEMBER)
    joined_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["group", "user"], name="unique_group_member"),
        ]
        indexes = [models.Index(fields=["user", "role"])]

    def __str__(self) -> str:
        return f"{self.user} in {self.group} ({self.role})"


class Organisation(models.Model):
    """A school, university, library, health body, theatre, business, council..."""

    class Type(models.TextChoices):
        SCHOOL = "school", _("School")
        UNIVERSITY = "university", _("University")
        COLLEGE = "college", _("Further education college")
        LIBRARY = "library", _("Library")
        HEALTH = "health", _("Health organisation")
        MATERNITY = "maternity", _("Maternity service")
        THEATRE_ARTS = "theatre_arts", _("Theatre or arts organisation")
        FAITH = "faith", _("Faith group")
        SPORT = "sport", _("Sports club or body")
        BUSINESS = "business", _("Business or shop")
        COUNCIL = "council", _("Council")
        CHARITY = "charity", _("Charity or community organisation")
        OTHER = "other", _("Other")

    class Size(models.TextChoices):
        MICRO = "1-9", _("1 to 9 people")
        SMALL = "10-49", _("10 to 49 people")
        MEDIUM = "50-249", _("50 to 249 people")
        LARGE = "250+", _("250 people or more")

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("web address"), max_length=100, unique=True)
    org_type = models.CharField(_("type"), max_length=20, choices=Type.choices)
    website = models.URLField(_("website"), blank=True)
    address = models.TextField(_("address"), blank=True)
    postcode = models.CharField(_("postcode"), max_length=10, blank=True)
    nation = models.CharField(_("nation"), max_length=20, choices=Nation.choices, blank=True)
    region = models.CharField(_("region"), max_length=20, choices=Region.choices, blank=True)
    size_band = models.CharField(_("size"), max_length=10, choices=Size.choices, blank=True)
    group = models.ForeignKey(
        Group,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="organisations",
        verbose_name=_("local group"),
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name"]
        indexes = [models.Index(fields=["org_type", "region"])]

    def __str__(self) -> str:
        return self.name


class OrganisationContact(models.Model):
    """A person who acts for an organisation (the 'applicant' role in awards)."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="contacts")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="organisation_contacts"
    )
    job_title = models.CharField(_("job title"), max_length=120, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organisation", "user"], name="unique_org_contact"),
        ]

    def __str__(self) -> str:
        return f"{self.user} for {self.organisation}"


class GroupApplication(models.Model):
    """A request to start a new local group; national staff decide it."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for a decision")
        APPROVED = "approved", _("Approved")
        DECLINED = "declined", _("Declined")

    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="group_applications"
    )
    name = models.CharField(_("proposed group name"), max_length=150)
    area_served = models.CharField(_("area the group would serve"), max_length=200)
    nation = models.CharField(_("nation"), max_length=20, choices=Nation.choices)
    region = models.CharField(_("region"), max_length=20, choices=Region.choices)
    why = models.TextField(_("why you want to start a group"))
    who_involved = models.TextField(_("who is involved so far"))
    accepted_guidelines = models.BooleanField(_("accepted the guidelines for member groups"), default=False)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    decision_reason = models.TextField(_("reason"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    group = models.OneToOneField(
        Group, on_delete=models.SET_NULL, null=True, blank=True, related_name="application"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "created_at"])]

    def __str__(self) -> str:
        return self.name


class GroupInvitation(models.Model):
    """An emailed invitation to join a group; the link carries a signed, expiring token."""

    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(_("email address"))
    role = models.CharField(
        _("role"), max_length=10, choices=GroupMembership.Role.choices, default=GroupMembership.Role.MEMBER
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Invitation to {self.group}"


# Larger than any gathering a group records; without a ceiling SQLite would store numbers
# PostgreSQL's integer column cannot hold.
MAX_ATTENDANCE = 100_000


class Activity(models.Model):
    """Something a group did: a meeting, an event, a training session..."""

    class Kind(models.TextChoices):
        MEETING = "meeting", _("Meeting")
        EVENT = "event", _("Public event")
        TRAINING = "training", _("Training or talk")
        SOCIAL = "social", _("Social or welcome activity")
        CAMPAIGN = "campaign", _("Campaigning")
        OTHER = "other", _("Other")

    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="activities")
    date = models.DateField(_("date"))
    kind = models.CharField(_("type"), max_length=10, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    attendance = models.PositiveIntegerField(
        _("people attending"), default=0, validators=[MaxValueValidator(MAX_ATTENDANCE)]
    )
    lived_experience = models.PositiveIntegerField(
        _("people with lived experience of seeking sanctuary involved"),
        default=0,
        validators=[MaxValueValidator(MAX_ATTENDANCE)],
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name_plural = _("activities")
        indexes = [models.Index(fields=["group", "-date"])]

    def __str__(self) -> str:
        return self.title


class CharterVersion(models.Model):
    """The charter text; a new version is added for every edit and the latest one is current.

    A version holds its words in both languages: a signature cites the version it signed, whichever
    language it was read in. The Welsh (``<field>_cy``) is shown on Welsh pages when written
    (sanctuary.i18n.localised), the English otherwise.
    """

    number = models.PositiveIntegerField(_("version"), unique=True)
    title = models.CharField(_("title"), max_length=200)
    title_cy = models.CharField(_("title in Welsh"), max_length=200, blank=True)
    text = models.TextField(_("charter text"))
    text_cy = models.TextField(_("charter text in Welsh"), blank=True)
    organisation_pledge = models.TextField(_("organisation pledge"), blank=True)
    organisation_pledge_cy = models.TextField(_("organisation pledge in Welsh"), blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    published_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-number"]

    def __str__(self) -> str:
        return f"{self.title} (v{self.number})"


class CharterSignature(models.Model):
    """An individual's signature; it counts only once its email address is confirmed."""

    name = models.CharField(_("name"), max_length=150)
    email = models.EmailField(_("email address"), unique=True)
    place = models.CharField(_("postcode or town"), max_length=100)
    # Optional; stored like the signer's name and email (plain, erased with the signature or the
    # account): only the council and constituency derived from it are counted in figures.
    postcode = models.CharField(_("postcode"), max_length=8, blank=True)
    council_gss = models.CharField(max_length=9, blank=True, editable=False)
    constituency_code = models.CharField(max_length=9, blank=True, editable=False)
    region = models.CharField(_("region"), max_length=20, choices=Region.choices, blank=True)
    nation = models.CharField(_("nation"), max_length=20, choices=Nation.choices, blank=True)
    group = models.ForeignKey(
        Group,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="signatures",
        verbose_name=_("local group"),
    )
    consent_group_contact = models.BooleanField(_("the local group may contact me"), default=False)
    consent_public_name = models.BooleanField(_("show my name publicly"), default=False)
    charter_version = models.ForeignKey(
        CharterVersion, on_delete=models.SET_NULL, null=True, blank=True, related_name="signatures"
    )
    created_at = models.DateTimeField(default=timezone.now)
    confirmed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["confirmed_at", "region"]),
            models.Index(fields=["group", "confirmed_at"]),
            models.Index(fields=["created_at"]),
            models.Index(fields=["council_gss", "confirmed_at"]),
            models.Index(fields=["constituency_code", "confirmed_at"]),
        ]

    def __str__(self) -> str:
        return f"Signature {self.pk}"

    @property
    def is_confirmed(self) -> bool:
        return self.confirmed_at is not None


class OrganisationPledge(models.Model):
    """An organisation's signature of the supporter pledge, approved by staff or the local lead."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for approval")
        APPROVED = "approved", _("Approved")
        DECLINED = "declined", _("Declined")

    organisation = models.OneToOneField(Organisation, on_delete=models.CASCADE, related_name="pledge")
    contact_name = models.CharField(_("contact person"), max_length=150)
    contact_email = models.EmailField(_("contact email address"))
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    charter_version = models.ForeignKey(
        CharterVersion, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    decision_reason = models.TextField(_("reason"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "created_at"])]

    def __str__(self) -> str:
        return f"Pledge of {self.organisation}"


class GroupContactMessage(models.Model):
    """A message sent to a group's leads through the public contact form (kept for abuse checks)."""

    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="contact_messages")
    sender_name = models.CharField(_("your name"), max_length=150)
    sender_email = models.EmailField(_("your email address"))
    message = models.TextField(_("message"), max_length=5000)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Message {self.pk} for group {self.group_id}"
