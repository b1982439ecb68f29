from django.apps import AppConfig


class Config(AppConfig):
    name = "peps.poles"
    label = "poles"

    def ready(self) -> None:
        from peps.core.tenancy import register_pole_provider

        from .roles import PROVIDER

        # The base's tenancy asks this app for poles and roles (core imports no domain app).
        register_pole_provider(PROVIDER)

        from . import opendata, personal_data, report

        # This app's part of: annual report, personal data, open data (registries owned by those features).
        report.register()
        personal_data.register()
        opendata.register()
