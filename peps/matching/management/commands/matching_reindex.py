"""Rebuild the matching index from scratch, in bulk: after a seed or any bulk load that bypassed
the save signals. Day to day the index follows every save by itself."""

import time

from django.core.management.base import BaseCommand

from peps.matching.indexing import NEEDS, OFFERS, reindex_all


class Command(BaseCommand):
    help = "Rebuild the matching index of needs and offers (bulk inserts)."

    def add_arguments(self, parser):
        parser.add_argument("--only", choices=["offers", "needs"], help="Rebuild one side only.")
        parser.add_argument("--chunk-size", type=int, default=5000)

    def handle(self, *args, only=None, chunk_size=5000, **options):
        sides = {"offers": OFFERS, "needs": NEEDS}
        for name, side in sides.items():
            if only and only != name:
                continue
            started = time.perf_counter()

            def progress(done: int, name: str = name) -> None:
                if done % (chunk_size * 10) == 0:
                    self.stdout.write(f"  {name}: {done}…")

            count = reindex_all(side, chunk_size=chunk_size, progress=progress)
            elapsed = time.perf_counter() - started
            self.stdout.write(self.style.SUCCESS(f"{name}: {count} indexed in {elapsed:.1f} s"))
