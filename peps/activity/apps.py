from django.apps import AppConfig


class Config(AppConfig):
    name = "peps.activity"
    label = "activity"
