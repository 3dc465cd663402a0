from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CampaignsConfig(AppConfig):
    name = "campaigns"
    verbose_name = _("Campaigns")

    def ready(self) -> None:
        # Registers the hooks that put campaign figures on other apps' pages.
        from campaigns import (
            contributions,  # noqa: F401
            rights,  # noqa: F401  (registers the people's-rights hooks)
        )
