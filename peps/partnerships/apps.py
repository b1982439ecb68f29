from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class Config(AppConfig):
    name = "peps.partnerships"
    label = "partnerships"

    def ready(self) -> None:
        from peps.notifications.kinds import register_family

        register_family("partnerships", _("Partenariats : propositions et réponses"))

        from . import labels, personal_data, report

        # This app's part of: annual report, personal data (registries owned by those features).
        report.register()
        personal_data.register()
        # The dates and sentences of the Jinja2 partials (jinja2/partnerships/).
        labels.register()
