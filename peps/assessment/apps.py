from django.apps import AppConfig


class Config(AppConfig):
    name = "peps.assessment"
    label = "assessment"

    def ready(self) -> None:
        from . import report

        # This app's part of: annual report (registries owned by those features).
        report.register()
