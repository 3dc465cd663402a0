from django.db import models
from django.utils.translation import gettext_lazy as _

from sanctuary.geography import Nation, Region


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
