from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReturneesConfig(AppConfig):
    name = "returnees"
    verbose_name = _("Returnee monitoring")

    def ready(self) -> None:
        from returnees import (
            contributions,  # noqa: F401 - registers the hooks
            rights,  # noqa: F401  (registers the people's-rights hooks)
        )
