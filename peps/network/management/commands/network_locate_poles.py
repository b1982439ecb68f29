"""Recompute every pole's centre and regions from its territory (after an import, or when
territory units were written in bulk, which sends no signal)."""

from django.core.management.base import BaseCommand

from peps.network.services import poles_locate_all


class Command(BaseCommand):
    help = "Recalcule le centre et les régions de chaque pôle à partir de son territoire."

    def handle(self, *args, **options):
        count = poles_locate_all()
        self.stdout.write(self.style.SUCCESS(f"{count} pôle(s) localisé(s)."))
