from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class Config(AppConfig):
    name = "peps.commons"
    label = "commons"

    def ready(self) -> None:
        from peps.notifications.kinds import register_family

        register_family("commons", _("Ressources partagées : réservations"))

        from . import labels, personal_data, report

        # Sentences of the week calendar's Jinja2 partial.
        labels.register()

        # This app's part of: annual report, personal data (registries owned by those features).
        report.register()
        personal_data.register()
