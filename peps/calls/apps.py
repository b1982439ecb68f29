from django.apps import AppConfig


class Config(AppConfig):
    name = "peps.calls"
    label = "calls"
