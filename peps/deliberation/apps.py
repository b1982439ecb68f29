from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class Config(AppConfig):
    name = "peps.deliberation"
    label = "deliberation"

    def ready(self) -> None:
        from peps.notifications.kinds import register_family

        register_family("deliberation", _("Délibération : débats et consultations"))

        from . import labels, personal_data

        # The plural labels, dates and form fields of the debate page's Jinja2 partials.
        labels.register()

        # This app's part of: personal data (registries owned by those features).
        personal_data.register()
