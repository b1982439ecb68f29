from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class Config(AppConfig):
    name = "peps.calls"
    label = "calls"

    def ready(self) -> None:
        from peps.notifications.kinds import register_family

        register_family("calls", _("Appels à projets : candidatures et résultats"))
