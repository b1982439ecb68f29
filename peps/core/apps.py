from django.apps import AppConfig


class Config(AppConfig):
    name = "peps.core"
    label = "core"

    def ready(self) -> None:
        from . import choices

        choices.install()
