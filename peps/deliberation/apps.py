from django.apps import AppConfig


class Config(AppConfig):
    name = "peps.deliberation"
    label = "deliberation"
