from django.apps import AppConfig


class Config(AppConfig):
    name = "peps.newsletters"
    label = "newsletters"

    def ready(self) -> None:
        from . import personal_data

        # This app's part of: personal data (registries owned by those features).
        personal_data.register()
