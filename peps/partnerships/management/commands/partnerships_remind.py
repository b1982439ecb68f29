"""Remind the answering side of proposals left without answer, and expire the oldest;
meant for a daily scheduled job."""

from django.core.management.base import BaseCommand

from peps.partnerships.reach import partnerships_remind_and_expire


class Command(BaseCommand):
    help = "Relance une fois les propositions de partenariat sans réponse et fait expirer les plus anciennes."

    def handle(self, *args, **options):
        reminded, expired = partnerships_remind_and_expire()
        self.stdout.write(f"{reminded} relance(s), {expired} proposition(s) expirée(s).")
