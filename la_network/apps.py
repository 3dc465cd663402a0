from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LaNetworkConfig(AppConfig):
    name = "la_network"
    verbose_name = _("Local Authority Network")

    def ready(self) -> None:
        from la_network import (
            contributions,  # noqa: F401 - registers the hooks
            rights,  # noqa: F401  (registers the people's-rights hooks)
        )
