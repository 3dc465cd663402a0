from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SanctuaryConfig(AppConfig):
    name = "sanctuary"
    verbose_name = _("Platform")
