"""`manage.py demo_logins`: the demo accounts to try the platform with (run by `make run`)."""

from django.core.management.base import BaseCommand

from peps.accounts.models import User
from peps.demo import demo
from peps.demo.bulk import DEMO_PASSWORD

LOGINS = [
    ("Coordination of POLLENS", demo.COORDINATOR_EMAIL),
    ("Network administrator", demo.NETWORK_ADMIN_EMAIL),
    ("Administrator of POLLENS", demo.POLE_ADMIN_EMAIL),
    ("Member of POLLENS", demo.MEMBER_EMAIL),
    ("Project holder", demo.HOLDER_EMAIL),
    ("Coordination of the museums network", demo.MUSEUMS_COORDINATOR_EMAIL),
]


class Command(BaseCommand):
    help = "Print the demo logins and the address of the demo pole."

    def add_arguments(self, parser):
        parser.add_argument("--base-url", default="http://127.0.0.1:8000", help="Where the server listens.")

    def handle(self, *args, base_url, **options):
        if not demo.demo_exists():
            self.stdout.write("No demo data in this database (load it with `manage.py seed demo`).")
            return
        present = set(User.objects.filter(email__in=[e for _, e in LOGINS]).values_list("email", flat=True))
        base = base_url.rstrip("/")
        self.stdout.write(self.style.SUCCESS(f"PEPS demo: {base}/p/{demo.POLLENS_SLUG}/"))
        self.stdout.write(f"Every demo account uses the password: {DEMO_PASSWORD}")
        for label, email in LOGINS:
            if email in present:
                self.stdout.write(f"  {label:<40} {email}")
