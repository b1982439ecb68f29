from django.apps import AppConfig


class Config(AppConfig):
    name = "peps.notifications"
    label = "notifications"
