from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "api"
    verbose_name = _("Public data API")

    def ready(self) -> None:
        from api import contributions  # noqa: F401 - registers the hooks
