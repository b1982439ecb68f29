from django.apps import AppConfig


class Config(AppConfig):
    name = "peps.imports"
    label = "imports"
