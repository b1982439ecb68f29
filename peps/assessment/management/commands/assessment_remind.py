"""Remind the coordination of invited poles whose answer is not submitted as a campaign's
closing date nears (run it once a day from cron or the task scheduler)."""

from django.core.management.base import BaseCommand

from peps.assessment.tasks import remind_late_poles_task


class Command(BaseCommand):
    help = "Relance les pôles invités qui n’ont pas transmis leur réponse avant la clôture d’une campagne."

    def handle(self, *args, **options):
        sent = remind_late_poles_task.call()
        self.stdout.write(f"{sent} reminder(s) sent.")
