from django.apps import AppConfig


class Config(AppConfig):
    name = "peps.directory"
    label = "directory"

    def ready(self) -> None:
        from . import opendata, personal_data

        # This app's part of: personal data, open data (registries owned by those features).
        personal_data.register()
        opendata.register()
