"""Annuaire, carte, fiches et comparaison des pôles."""

from django.apps import AppConfig


class Config(AppConfig):
    name = "peps.network"
    label = "network"

    def ready(self) -> None:
        from . import signals  # noqa: F401  (connects the territory → centre recomputation)
