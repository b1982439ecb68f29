from django.apps import AppConfig


class Config(AppConfig):
    name = "peps.governance"
    label = "governance"
