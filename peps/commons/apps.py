from django.apps import AppConfig


class Config(AppConfig):
    name = "peps.commons"
    label = "commons"
