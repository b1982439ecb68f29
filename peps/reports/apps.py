from django.apps import AppConfig


class Config(AppConfig):
    name = "peps.reports"
    label = "reports"

    def ready(self) -> None:
        from . import labels

        # The figures, charts and sentences of the report's Jinja2 partial.
        labels.register()
