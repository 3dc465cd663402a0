from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SanctuaryConfig(AppConfig):
    name = "sanctuary"
    verbose_name = _("Platform")

    def ready(self) -> None:
        from sanctuary import contributions  # noqa: F401 - registers hooks
        from sanctuary.logs import install_record_factory

        install_record_factory()
