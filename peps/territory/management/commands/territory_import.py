from django.core.management.base import BaseCommand, CommandError

from peps.territory.etalab import DataMissing
from peps.territory.models import Commune, CommuneOutline
from peps.territory.services import territory_import


class Command(BaseCommand):
    help = "Import French administrative divisions from Etalab's découpage administratif."

    def add_arguments(self, parser):
        parser.add_argument("--if-empty", action="store_true", help="Do nothing when communes are already imported.")

    def handle(self, *args, if_empty=False, **options):
        # A base imported before the outlines existed is imported again, once, to get them.
        if if_empty and Commune.objects.exists() and CommuneOutline.objects.exists():
            self.stdout.write("Territory already imported.")
            return
        try:
            report = territory_import()
        except DataMissing as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            self.style.SUCCESS(
                f"{report.communes} communes ({report.with_coordinates} with coordinates, "
                f"{report.with_outlines} with outlines), {report.epcis} EPCI, "
                f"{report.arrondissements} arrondissements, {report.departements} départements, "
                f"{report.regions} régions."
            )
        )
