from django.apps import AppConfig


class Config(AppConfig):
    name = "peps.accounts"
    label = "accounts"
