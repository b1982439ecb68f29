"""Send the daily and weekly digests that are due (run it hourly from cron)."""

from django.core.management.base import BaseCommand

from peps.notifications.services import digests_send


class Command(BaseCommand):
    help = "Envoie les résumés quotidiens et hebdomadaires de notifications qui sont dus."

    def handle(self, *args, **options):
        sent = digests_send()
        self.stdout.write(f"{sent} résumé(s) envoyé(s).")
