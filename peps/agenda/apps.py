from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class Config(AppConfig):
    name = "peps.agenda"
    label = "agenda"

    def ready(self) -> None:
        from peps.notifications.kinds import register_family

        register_family("agenda", _("Agenda : inscriptions, rappels et changements d’événements"))

        from . import labels, opendata, personal_data, report

        # This app's part of: annual report, personal data, open data (registries owned by those features).
        report.register()
        personal_data.register()
        opendata.register()
        # The dates and sentences of the list's Jinja2 partial.
        labels.register()
