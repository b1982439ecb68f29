from django.apps import AppConfig


class Config(AppConfig):
    name = "peps.territory"
    label = "territory"
