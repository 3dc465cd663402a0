from django.conf import settings
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
        "la_network.LocalAuthority", blank=True, related_name="groups",
        verbose_name=_("local authorities covered"),
    )
    description = models.TextField(_("description"), blank=True)
    website = models.URLField(_("website"), blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices,
                              default=Status.FORMING)
    founded_on = models.DateField(_("founded"), null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name"]
        indexes = [models.Index(fields=["status", "nation", "region"])]

    def __str__(self) -> str:
        return self.name


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
        Group, on_delete=models.SET_NULL, null=True, blank=True, related_name="organisations",
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

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="contacts"
    )
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
