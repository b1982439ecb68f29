from django.apps import AppConfig


class Config(AppConfig):
    name = "peps.projects"
    label = "projects"
