from django.apps import AppConfig


class Config(AppConfig):
    name = "peps.referentials"
    label = "referentials"
