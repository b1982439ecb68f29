from django.apps import AppConfig


class Config(AppConfig):
    name = "peps.partnerships"
    label = "partnerships"
