from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AwardsConfig(AppConfig):
    name = "awards"
    verbose_name = _("Sanctuary Awards")

    def ready(self) -> None:
        from awards import (
            contributions,  # noqa: F401 - registers the hooks
            rights,  # noqa: F401  (registers the people's-rights hooks)
        )
