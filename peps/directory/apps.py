from django.apps import AppConfig


class Config(AppConfig):
    name = "peps.directory"
    label = "directory"
