from django.apps import AppConfig


class Config(AppConfig):
    name = "peps.demo"
    label = "demo"
