from django.apps import AppConfig


class Config(AppConfig):
    name = "peps.funding"
    label = "funding"
