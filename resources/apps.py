from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ResourcesConfig(AppConfig):
    name = "resources"
    verbose_name = _("Resource library")

    def ready(self) -> None:
        from resources import (
            contributions,  # noqa: F401  (registers the hooks)
            rights,  # noqa: F401  (registers the people's-rights hooks)
        )
