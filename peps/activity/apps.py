from django.apps import AppConfig


class Config(AppConfig):
    name = "peps.activity"
    label = "activity"

    def ready(self) -> None:
        from . import labels, report

        # This app's part of: annual report (registries owned by those features).
        report.register()
        # The dates and sentences of the log's Jinja2 partial.
        labels.register()
