from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class Config(AppConfig):
    name = "peps.governance"
    label = "governance"

    def ready(self) -> None:
        from peps.notifications.kinds import register_family

        register_family("governance", _("Gouvernance : réunions, motions et décisions"))

        from . import labels, opendata, personal_data, report

        # This app's part of: annual report, personal data, open data (registries owned by those features).
        report.register()
        personal_data.register()
        opendata.register()
        # The dates and sentences of the body page's Jinja2 partial.
        labels.register()
