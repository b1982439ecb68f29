from django.apps import AppConfig


class Config(AppConfig):
    name = "peps.api"
    label = "api"
