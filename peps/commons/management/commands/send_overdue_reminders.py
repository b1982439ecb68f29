"""Remind borrowers of overdue loans by e-mail; meant for a daily cron job."""

from django.core.management.base import BaseCommand

from peps.commons import services


class Command(BaseCommand):
    help = "Envoie un rappel aux personnes dont l’emprunt est en retard (au plus un tous les 3 jours)."

    def handle(self, *args, **options):
        sent = services.send_overdue_reminders()
        self.stdout.write(f"{sent} rappel(s) envoyé(s).")
