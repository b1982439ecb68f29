from django.apps import AppConfig


class Config(AppConfig):
    name = "peps.resourcepeople"
    label = "resourcepeople"
