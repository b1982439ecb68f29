"""Load the référentiel PTCE shipped with PEPS; does nothing when it is already there."""

from django.core.management.base import BaseCommand

from peps.referentials.models import Referential
from peps.referentials.services import PTCE_SLUG, load_ptce_referential


class Command(BaseCommand):
    help = "Charge le référentiel PTCE (data/referentiel-ptce.yaml) s’il n’existe pas encore."

    def handle(self, *args, **options):
        existed = Referential.objects.filter(slug=PTCE_SLUG).exists()
        version = load_ptce_referential()
        if existed:
            self.stdout.write(f"Le référentiel « {PTCE_SLUG} » existe déjà (version {version.number}) : rien à faire.")
        else:
            self.stdout.write(f"Référentiel PTCE chargé : version {version.number}, {version.items.count()} éléments.")
