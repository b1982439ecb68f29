"""Compute the sentence embeddings of every open need and offer that has none (or whose text
changed): the background job after a bulk load or a model change, with a progress bar and the
time left. Day to day, each save queues its own embedding (tasks.py).

    nohup .venv/bin/python manage.py matching_embed > var/matching-embed.log &
"""

import sys
import time

from django.core.management.base import BaseCommand

from peps.matching.embeddings import embed_all, enabled
from peps.matching.indexing import NEEDS, OFFERS


class Command(BaseCommand):
    help = "Compute the missing sentence embeddings of needs and offers (batches, with progress)."

    def add_arguments(self, parser):
        parser.add_argument("--only", choices=["offers", "needs"], help="One side only.")
        parser.add_argument("--batch-size", type=int, default=64)
        parser.add_argument("--all", action="store_true", help="Check every row, not only those without a vector.")

    def handle(self, *args, only=None, batch_size=64, all=False, **options):
        if not enabled():
            self.stderr.write("Embeddings are turned off (MATCHING_EMBEDDINGS) or the model is not installed.")
            return
        for name, side in {"offers": OFFERS, "needs": NEEDS}.items():
            if only and only != name:
                continue
            started = time.perf_counter()
            computed = embed_all(
                side, batch_size=batch_size, progress=self._progress(name, started), only_missing=not all
            )
            elapsed = time.perf_counter() - started
            self.stdout.write(self.style.SUCCESS(f"\n{name}: {computed} embeddings computed in {elapsed:.1f} s"))

    def _progress(self, name: str, started: float):
        out = sys.stderr  # the bar rewrites its line (\r): kept out of the command's output

        def progress(done: int, total: int) -> None:
            elapsed = time.perf_counter() - started
            share = done / total if total else 1.0
            left = elapsed / share - elapsed if share else 0.0
            bar = "#" * int(30 * share)
            out.write(f"\r{name}: [{bar:<30}] {done}/{total} {share:6.1%}, {left / 60:5.1f} min left")
            out.flush()

        return progress
