from django.apps import AppConfig


class Config(AppConfig):
    name = "peps.opendata"
    label = "opendata"

    def ready(self) -> None:
        from . import labels

        labels.register()
