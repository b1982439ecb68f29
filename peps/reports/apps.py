from django.apps import AppConfig


class Config(AppConfig):
    name = "peps.reports"
    label = "reports"
