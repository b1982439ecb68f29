from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class Config(AppConfig):
    name = "peps.poles"
    label = "poles"

    def ready(self) -> None:
        from peps.core.tenancy import register_pole_provider
        from peps.notifications.kinds import register_family

        from .roles import PROVIDER

        # People may stop e-mails about their memberships (never the in-app notification).
        register_family("poles", _("Adhésions au pôle : demandes et réponses"))

        # The base's tenancy asks this app for poles and roles (core imports no domain app).
        register_pole_provider(PROVIDER)

        from . import labels, opendata, personal_data, report

        # This app's part of: annual report, personal data, open data (registries owned by those features).
        report.register()
        personal_data.register()
        opendata.register()
        # The sentences of the home page's Jinja2 partial.
        labels.register()
