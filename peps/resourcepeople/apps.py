from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class Config(AppConfig):
    name = "peps.resourcepeople"
    label = "resourcepeople"

    def ready(self) -> None:
        from peps.notifications.kinds import register_family

        register_family("resourcepeople", _("Personnes ressources : demandes et réponses"))
