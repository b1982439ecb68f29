from django.apps import AppConfig


class Config(AppConfig):
    name = "peps.opendata"
    label = "opendata"
