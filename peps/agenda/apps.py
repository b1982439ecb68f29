from django.apps import AppConfig


class Config(AppConfig):
    name = "peps.agenda"
    label = "agenda"
