"""Writes of matching: the background indexing of every open need and offer (term index, then
sentence embeddings in batches), with its progress recorded in IndexingRun after each batch."""

import logging
import time
from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .embeddings import embed_all, rows_to_embed
from .indexing import NEEDS, OFFERS, reindex_all
from .models import IndexingRun

logger = logging.getLogger(__name__)

# Rows per batch of the encoder: batched inference costs much less per text than one at a time
# (docs/matching.md), and a batch is also how often the progress is written.
BATCH_SIZE = 128
ACTIVE = (IndexingRun.Status.QUEUED, IndexingRun.Status.RUNNING)


def indexing_run_start(*, by, with_terms: bool = True) -> IndexingRun:
    """Queue a full indexing (the task runs it); refused while another one is queued or running."""
    if IndexingRun.objects.filter(status__in=ACTIVE).exists():
        raise ValidationError(_("Une indexation est déjà en cours : attendez qu’elle se termine."))
    run = IndexingRun.objects.create(created_by=by, with_terms=with_terms)
    from .tasks import indexing_run_task  # tasks import this module

    transaction.on_commit(lambda: indexing_run_task.enqueue(run_id=run.pk))
    return run


def indexing_run_execute(
    *,
    run: IndexingRun,
    only_missing: bool = True,
    batch_size: int = BATCH_SIZE,
    echo: Callable[[IndexingRun], None] | None = None,
    part: tuple[int, int] = (0, 1),
) -> None:
    """Do the run: rebuild the term index (one transaction per side, so suggestions never see it
    half built), then embed every open row without an up-to-date vector, batch by batch, writing
    the progress after each batch. `echo(run)` follows each write (the command's terminal bar).
    `part` (k, n) embeds only every n-th row from the k-th: n runs side by side, one per core,
    share the work (the encoder keeps about one core busy whatever its threads)."""
    run.status, run.started_at, run.error = IndexingRun.Status.RUNNING, timezone.now(), ""
    run.save(update_fields=["status", "started_at", "error"])
    try:
        if run.with_terms:
            run.phase = IndexingRun.Phase.TERMS
            run.save(update_fields=["phase"])
            started = time.perf_counter()
            for side in (OFFERS, NEEDS):
                reindex_all(side)
            run.terms_seconds = time.perf_counter() - started
        k, n = part
        todo = [(side, rows_to_embed(side, only_missing=only_missing)[k::n]) for side in (OFFERS, NEEDS)]
        run.phase, run.total = IndexingRun.Phase.EMBEDDINGS, sum(len(ids) for _side, ids in todo)
        run.save(update_fields=["phase", "terms_seconds", "total"])
        started = time.perf_counter()
        done_before = computed_before = 0
        for side, ids in todo:

            def progress(done: int, _total: int, computed: int, d0: int = done_before, c0: int = computed_before):
                run.done, run.computed = d0 + done, c0 + computed
                run.embeddings_seconds = time.perf_counter() - started
                run.save(update_fields=["done", "computed", "embeddings_seconds"])
                if echo:
                    echo(run)

            computed_before += embed_all(side, ids=ids, batch_size=batch_size, progress=progress)
            done_before += len(ids)
        run.done, run.computed = run.total, computed_before
        run.status, run.finished_at = IndexingRun.Status.DONE, timezone.now()
        run.embeddings_seconds = time.perf_counter() - started
        run.save(update_fields=["done", "computed", "status", "finished_at", "embeddings_seconds"])
    except Exception as error:  # the page must say it failed, whatever the cause
        logger.exception("matching indexing run %s failed", run.pk)
        run.status, run.finished_at, run.error = IndexingRun.Status.FAILED, timezone.now(), str(error)[:500]
        run.save(update_fields=["status", "finished_at", "error"])
        raise
    if echo:
        echo(run)
