"""Delete personal data archives past their expiry (schedule it daily)."""

from django.core.management.base import BaseCommand

from peps.accounts.services import personal_data_exports_purge


class Command(BaseCommand):
    help = "Supprime les archives de données personnelles expirées."

    def handle(self, *args, **options):
        count = personal_data_exports_purge()
        self.stdout.write(f"{count} archive(s) supprimée(s).")
