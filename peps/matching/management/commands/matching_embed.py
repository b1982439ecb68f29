"""Compute the sentence embeddings of every open need and offer that has none (or whose text
changed), in batches, recording the progress in an IndexingRun (shown on the network
administration's page, /reseau/rapprochement/) and as a bar with the time left here. Day to
day, each save queues its own embedding (tasks.py); the page's button queues a full run
(term index and embeddings) on the task queue.

    nohup nice .venv/bin/python manage.py matching_embed > var/matching-embed.log &

On a 2-core machine, two parts side by side (one encoder thread each) do it twice as fast:

    nohup nice .venv/bin/python manage.py matching_embed --part 1/2 --threads 1 > var/embed-1.log &
    nohup nice .venv/bin/python manage.py matching_embed --part 2/2 --threads 1 > var/embed-2.log &
"""

import sys
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from peps.matching.embeddings import enabled
from peps.matching.models import IndexingRun
from peps.matching.services import BATCH_SIZE, indexing_run_execute


class Command(BaseCommand):
    help = "Compute the missing sentence embeddings of needs and offers (batches, with progress)."

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, default=BATCH_SIZE)
        parser.add_argument("--all", action="store_true", help="Check every row, not only those without a vector.")
        parser.add_argument("--with-terms", action="store_true", help="Rebuild the term index first.")
        parser.add_argument(
            "--part", default="1/1", help="k/n: every n-th row from the k-th (1-based), to run n commands side by side."
        )
        parser.add_argument("--threads", type=int, help="BLAS threads of the encoder (1 when running parts).")

    def handle(self, *args, batch_size=BATCH_SIZE, all=False, with_terms=False, part="1/1", threads=None, **options):
        try:
            k, n = (int(x) for x in part.split("/"))
            assert 1 <= k <= n
        except (ValueError, AssertionError):
            raise CommandError("--part must be k/n with 1 ≤ k ≤ n, e.g. 1/2") from None
        if threads:  # before the encoder is loaded: it reads the setting once
            settings.MATCHING_EMBEDDING_THREADS = threads
        if not enabled():
            self.stderr.write("Embeddings are turned off (MATCHING_EMBEDDINGS) or the model is not installed.")
            return
        run = IndexingRun.objects.create(with_terms=with_terms and k == 1)
        indexing_run_execute(
            run=run,
            only_missing=not all,
            batch_size=batch_size,
            echo=self._echo(time.perf_counter()),
            part=(k - 1, n),
        )
        run.refresh_from_db()
        rate = f", {run.rate:.1f} per second" if run.rate else ""
        self.stdout.write(
            self.style.SUCCESS(
                f"\n{run.computed} embeddings computed for {run.done} rows in {run.embeddings_seconds or 0:.1f} s{rate}"
            )
        )

    def _echo(self, started: float):
        out = sys.stderr  # the bar rewrites its line (\r): kept out of the command's output

        def echo(run: IndexingRun) -> None:
            elapsed = time.perf_counter() - started
            share = run.done / run.total if run.total else 1.0
            left = elapsed / share - elapsed if share else 0.0
            bar = "#" * int(30 * share)
            out.write(f"\r[{bar:<30}] {run.done}/{run.total} {share:6.1%}, {left / 60:5.1f} min left")
            out.flush()

        return echo
