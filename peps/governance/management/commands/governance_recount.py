"""Recount a closed vote from its stored ballots and check that the published result agrees."""

from django.core.management.base import BaseCommand, CommandError

from peps.governance.models import Motion
from peps.governance.services import count_ballots


class Command(BaseCommand):
    help = "Recompte un vote clos à partir des bulletins enregistrés et vérifie le résultat publié."

    def add_arguments(self, parser):
        parser.add_argument("motion_id", type=int)

    def handle(self, *args, motion_id: int, **options):
        motion = Motion.objects.filter(pk=motion_id).first()
        if motion is None:
            raise CommandError(f"No motion {motion_id}.")
        if not motion.is_closed:
            raise CommandError(f"Motion {motion_id} is not closed yet.")
        # The number of registered voters is the one frozen at closing: memberships change later.
        result = count_ballots(motion, eligible=motion.eligible_count or 0)
        published = (motion.tally, motion.participation_count, motion.quorum_required, motion.outcome)
        recounted = (result.tally, result.participation_count, result.quorum_required, result.outcome)
        self.stdout.write(f"published: {published}")
        self.stdout.write(f"recounted: {recounted}")
        if published != recounted:
            raise CommandError(f"Motion {motion_id}: the recount DISAGREES with the published result.")
        self.stdout.write(self.style.SUCCESS(f"Motion {motion_id}: the recount agrees ({result.outcome})."))
