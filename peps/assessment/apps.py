from django.apps import AppConfig


class Config(AppConfig):
    name = "peps.assessment"
    label = "assessment"
