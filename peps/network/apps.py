"""Annuaire, carte, fiches et comparaison des pôles."""

from django.apps import AppConfig


class Config(AppConfig):
    name = "peps.network"
    label = "network"

    def ready(self) -> None:
        from peps.poles.services import on_territory_change

        from .services import profile_locate

        # The map's centre and regions follow the territory: the poles app's territory
        # services call this after commit.
        on_territory_change(lambda pole: profile_locate(pole=pole))

        from . import labels

        # The sentences of the directory's Jinja2 partials.
        labels.register()
