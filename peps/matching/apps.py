from django.apps import AppConfig


class Config(AppConfig):
    name = "peps.matching"
    label = "matching"
    default_auto_field = "django.db.models.BigAutoField"
