from django.apps import AppConfig


class Config(AppConfig):
    name = "peps.core"
    label = "core"
