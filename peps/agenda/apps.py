from django.apps import AppConfig


class Config(AppConfig):
    name = "peps.agenda"
    label = "agenda"

    def ready(self) -> None:
        from . import opendata, personal_data, report

        # This app's part of: annual report, personal data, open data (registries owned by those features).
        report.register()
        personal_data.register()
        opendata.register()
