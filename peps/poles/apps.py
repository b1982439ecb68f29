from django.apps import AppConfig


class Config(AppConfig):
    name = "peps.poles"
    label = "poles"
