from django.apps import AppConfig


class Config(AppConfig):
    name = "peps.commons"
    label = "commons"

    def ready(self) -> None:
        from . import personal_data, report

        # This app's part of: annual report, personal data (registries owned by those features).
        report.register()
        personal_data.register()
