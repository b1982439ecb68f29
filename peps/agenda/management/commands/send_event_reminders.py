"""Run once a day (cron or systemd timer): remind people of tomorrow's events."""

from django.core.management.base import BaseCommand

from peps.agenda.services import event_send_reminders


class Command(BaseCommand):
    help = "E-mail a reminder to everyone with a confirmed place at an event that starts tomorrow."

    def add_arguments(self, parser):
        parser.add_argument("--queue", action="store_true", help="Queue the task instead of running it now.")

    def handle(self, *args, queue: bool = False, **options):
        if queue:
            from peps.agenda.tasks import send_event_reminders

            send_event_reminders.enqueue()
            self.stdout.write("Reminder task queued.")
            return
        sent = event_send_reminders()
        self.stdout.write(f"{sent} reminder(s) queued.")
