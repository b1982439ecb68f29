from django.apps import AppConfig


class Config(AppConfig):
    name = "peps.matching"
    label = "matching"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import signals  # noqa: F401  (connects the index receivers)
