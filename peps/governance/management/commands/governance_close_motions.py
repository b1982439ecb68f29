"""Close every vote whose closing time has passed and publish its result (run it every minute
from cron or the task scheduler)."""

from django.core.management.base import BaseCommand

from peps.governance.tasks import close_due_motions_task


class Command(BaseCommand):
    help = "Clôt les votes arrivés à échéance et publie leurs résultats."

    def handle(self, *args, **options):
        closed = close_due_motions_task.call()
        self.stdout.write(f"{closed} vote(s) closed.")
