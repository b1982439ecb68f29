from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class Config(AppConfig):
    name = "peps.assessment"
    label = "assessment"

    def ready(self) -> None:
        from peps.notifications.kinds import register_family

        register_family("assessment", _("Auto-évaluation : campagnes et réponses"))

        from . import labels, report

        # This app's part of: annual report (registries owned by those features).
        report.register()
        # The numbers and sentences of the results pages' Jinja2 partials.
        labels.register()
