"""The geography register: postcodes, Westminster constituencies and their MPs.

Postcodes come from the ONS Postcode Directory (or its smaller lookups); councils are the
platform's own ``la_network.LocalAuthority`` rows, matched on their GSS code, so a postcode
keeps the council's GSS code even before the council itself is imported.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from sanctuary.geography import Nation


class Constituency(models.Model):
    """A Westminster constituency on the 2024 boundaries (GSS E14, W07, S14 or N05)."""

    code = models.CharField(_("GSS code"), max_length=9, unique=True)
    name = models.CharField(_("name"), max_length=120)
    nation = models.CharField(_("nation"), max_length=20, choices=Nation.choices)

    class Meta:
        verbose_name = _("constituency")
        verbose_name_plural = _("constituencies")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def current_mp(self):
        """The sitting MP, when the caller prefetched ``current_mps`` (see selectors)."""
        members = getattr(self, "current_mps", None)
        return members[0] if members else None


class MP(models.Model):
    """A member of the House of Commons for a constituency, from Parliament's open data."""

    constituency = models.ForeignKey(Constituency, on_delete=models.CASCADE, related_name="members")
    parliament_id = models.PositiveIntegerField(_("Parliament member id"), null=True, blank=True)
    name = models.CharField(_("name"), max_length=150)
    party = models.CharField(_("party"), max_length=100, blank=True)
    from_date = models.DateField(_("member from"), null=True, blank=True)
    to_date = models.DateField(_("member until"), null=True, blank=True)

    class Meta:
        verbose_name = _("MP")
        verbose_name_plural = _("MPs")
        ordering = ["constituency__name", "-from_date"]
        constraints = [
            models.UniqueConstraint(fields=["constituency", "name"], name="unique_mp_per_constituency"),
        ]
        indexes = [models.Index(fields=["constituency", "to_date"])]

    def __str__(self) -> str:
        return self.name


class Postcode(models.Model):
    """One postcode unit: where it is and which council and constituency it falls in."""

    code = models.CharField(_("postcode"), max_length=8, primary_key=True)
    outward = models.CharField(_("outward code"), max_length=4, db_index=True)
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    council_gss = models.CharField(_("council GSS code"), max_length=9, blank=True, db_index=True)
    constituency_code = models.CharField(_("constituency GSS code"), max_length=9, blank=True, db_index=True)

    class Meta:
        verbose_name = _("postcode")
        verbose_name_plural = _("postcodes")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.code

    @property
    def is_placed(self) -> bool:
        return bool(self.council_gss or self.constituency_code)
