from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class Config(AppConfig):
    name = "peps.projects"
    label = "projects"

    def ready(self) -> None:
        from peps.notifications.kinds import register_family

        register_family("projects", _("Projets : nouvelles idées et étapes de l’accompagnement"))

        from . import labels, opendata, personal_data, report

        # This app's part of: annual report, personal data, open data (registries owned by those features).
        report.register()
        personal_data.register()
        opendata.register()
        labels.register()
