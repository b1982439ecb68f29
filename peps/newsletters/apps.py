from django.apps import AppConfig


class Config(AppConfig):
    name = "peps.newsletters"
    label = "newsletters"
