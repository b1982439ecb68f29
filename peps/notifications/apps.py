from django.apps import AppConfig


class Config(AppConfig):
    name = "peps.notifications"
    label = "notifications"

    def ready(self) -> None:
        from peps.core.jinja import add_global

        from . import personal_data, selectors

        # This app's part of: personal data (registries owned by those features), the header.
        personal_data.register()
        add_global("header_bell", selectors.header_bell)
