from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GroupsConfig(AppConfig):
    name = "groups"
    verbose_name = _("Groups and charter")

    def ready(self) -> None:
        from groups import (
            contributions,  # noqa: F401  (registers the hooks)
            rights,  # noqa: F401  (registers the people's-rights hooks)
        )
