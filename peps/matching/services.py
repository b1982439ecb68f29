"""Writes of matching: the background indexing of every open need and offer (term index, then
sentence embeddings in batches), with its progress recorded in IndexingRun after each batch."""

import logging
import time
from collections.abc import Callable
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from .embeddings import embed_all, rows_to_embed, set_threads
from .indexing import NEEDS, OFFERS, reindex_all
from .models import IndexingPart, IndexingRun

logger = logging.getLogger(__name__)

# Rows per batch of the encoder: batched inference costs much less per text than one at a time
# (docs/matching.md), and a batch is also how often the progress is written.
BATCH_SIZE = 128
ACTIVE = (IndexingRun.Status.QUEUED, IndexingRun.Status.RUNNING)
# A run with no sign of life for this long was interrupted (its worker was stopped): it is marked
# failed when a new one is asked for. Each batch of a part writes (about every 2 s); the term
# index of 200,000 offers takes 2 minutes, 25 on a machine busy with other work.
STALE_AFTER = timedelta(hours=1)


def indexing_parts() -> int:
    """How many parts a run's embeddings are split into: one per task worker and core (the
    encoder keeps about one core busy whatever its threads); settings' MATCHING_INDEXING_PARTS."""
    return max(1, int(getattr(settings, "MATCHING_INDEXING_PARTS", 2)))


def indexing_run_start(*, by, with_terms: bool = True) -> IndexingRun:
    """Queue a full indexing (the task runs it); refused while another one is queued or running,
    unless that one is silent since STALE_AFTER (then it is marked failed)."""
    with transaction.atomic():
        active = list(IndexingRun.objects.select_for_update().filter(status__in=ACTIVE))
        stale = [run for run in active if run.updated_at < timezone.now() - STALE_AFTER]
        if len(stale) < len(active):
            raise ValidationError(_("Une indexation est déjà en cours : attendez qu’elle se termine."))
        for run in stale:
            _fail(run.pk, _("Interrompue : plus aucun signe de vie depuis plus d’une heure."))
        run = IndexingRun.objects.create(created_by=by, with_terms=with_terms)
    from .tasks import indexing_run_task  # tasks import this module

    transaction.on_commit(lambda: indexing_run_task.enqueue(run_id=run.pk))
    return run


def _fail(run_id: int, error: str) -> None:
    IndexingRun.objects.filter(pk=run_id, status__in=ACTIVE).update(
        status=IndexingRun.Status.FAILED, finished_at=timezone.now(), error=error[:500], updated_at=timezone.now()
    )


def _in_part(ids: list[int], number: int, of: int) -> list[int]:
    return [pk for pk in ids if pk % of == number - 1]


def indexing_run_split(*, run: IndexingRun, parts: int | None = None) -> list[IndexingPart]:
    """The button's run, first step (the task `indexing_run_task`): rebuild the term index, then
    split the embeddings into parts and queue one task per part, so that several task workers
    compute them side by side (indexing_part_execute). Returns the parts queued; the run is done
    at once if nothing is left to embed. Does nothing if the run is not queued any more (another
    worker took it)."""
    if not IndexingRun.objects.filter(pk=run.pk, status=IndexingRun.Status.QUEUED).update(
        status=IndexingRun.Status.RUNNING, started_at=timezone.now(), updated_at=timezone.now()
    ):
        return []
    run.refresh_from_db()
    parts = parts or indexing_parts()
    try:
        if run.with_terms:
            run.phase = IndexingRun.Phase.TERMS
            run.save(update_fields=["phase", "updated_at"])
            started = time.perf_counter()
            for side in (OFFERS, NEEDS):
                reindex_all(side)
            run.terms_seconds = time.perf_counter() - started
        todo = [rows_to_embed(side) for side in (OFFERS, NEEDS)]
        with transaction.atomic():
            run.phase, run.total = IndexingRun.Phase.EMBEDDINGS, sum(len(ids) for ids in todo)
            if run.total == 0:
                run.status, run.finished_at, run.embeddings_seconds = IndexingRun.Status.DONE, timezone.now(), 0.0
            run.save()
            created = [
                IndexingPart.objects.create(
                    run=run, number=k, of=parts, total=sum(len(_in_part(ids, k, parts)) for ids in todo)
                )
                for k in range(1, parts + 1)
                if run.total
            ]
    except Exception as error:  # the page must say it failed, whatever the cause
        logger.exception("matching indexing run %s failed", run.pk)
        _fail(run.pk, str(error))
        raise
    from .tasks import indexing_part_task  # tasks import this module

    for part in created:
        indexing_part_task.enqueue(part_id=part.pk)
    return created


class _RunStopped(Exception):
    """The run failed in another part (or was marked interrupted): this part stops too."""


def _sum_parts(run_id: int) -> None:
    """Write the sum of the parts' progress on the run (what the page shows)."""
    sums = IndexingPart.objects.filter(run_id=run_id).aggregate(Sum("total"), Sum("done"), Sum("computed"))
    run = IndexingRun.objects.only("started_at", "terms_seconds").get(pk=run_id)
    now = timezone.now()
    elapsed = (now - (run.started_at or now)).total_seconds() - (run.terms_seconds or 0.0)
    IndexingRun.objects.filter(pk=run_id).update(
        total=sums["total__sum"] or 0,
        done=sums["done__sum"] or 0,
        computed=sums["computed__sum"] or 0,
        embeddings_seconds=max(elapsed, 0.0),
        updated_at=timezone.now(),
    )


def indexing_part_execute(*, part: IndexingPart, batch_size: int = BATCH_SIZE, threads: int | None = None) -> None:
    """The button's run, one part (the task `indexing_part_task`): embed the open rows of this
    part without a vector, batch by batch, writing its progress and the run's sum after each
    batch. The last part to finish marks the run done; a part that fails marks the run failed
    (with its error), and the other parts stop at their next batch. Does nothing if the part is
    not queued any more. `threads`: BLAS threads of the encoder (one when parts run side by side,
    settings' MATCHING_PART_THREADS)."""
    if not IndexingPart.objects.filter(pk=part.pk, status=IndexingRun.Status.QUEUED).update(
        status=IndexingRun.Status.RUNNING
    ):
        return
    part.refresh_from_db()
    run_id = part.run_id
    if threads is None:
        threads = getattr(settings, "MATCHING_PART_THREADS", 1) if part.of > 1 else None
    started = time.perf_counter()
    try:
        if not IndexingRun.objects.filter(pk=run_id, status=IndexingRun.Status.RUNNING).exists():
            raise _RunStopped
        if threads:
            set_threads(threads)
        todo = [(side, _in_part(rows_to_embed(side), part.number, part.of)) for side in (OFFERS, NEEDS)]
        part.total = sum(len(ids) for _side, ids in todo)
        part.save(update_fields=["total", "updated_at"])
        done_before = computed_before = 0
        for side, ids in todo:

            def progress(done: int, _total: int, computed: int, d0: int = done_before, c0: int = computed_before):
                part.done, part.computed = d0 + done, c0 + computed
                part.seconds = time.perf_counter() - started
                part.save(update_fields=["done", "computed", "seconds", "updated_at"])
                _sum_parts(run_id)
                if not IndexingRun.objects.filter(pk=run_id, status=IndexingRun.Status.RUNNING).exists():
                    raise _RunStopped

            computed_before += embed_all(side, ids=ids, batch_size=batch_size, progress=progress)
            done_before += len(ids)
        part.done, part.computed, part.status = part.total, computed_before, IndexingRun.Status.DONE
        part.seconds = time.perf_counter() - started
        part.save(update_fields=["done", "computed", "status", "seconds", "updated_at"])
    except _RunStopped:
        part.status, part.error = IndexingRun.Status.FAILED, _("Arrêtée : une autre part a échoué.")
        part.save(update_fields=["status", "error", "updated_at"])
        return
    except Exception as error:  # the page must say it failed, whatever the cause
        logger.exception("matching indexing run %s, part %s failed", run_id, part)
        part.status, part.error = IndexingRun.Status.FAILED, str(error)[:500]
        part.save(update_fields=["status", "error", "updated_at"])
        _fail(run_id, _("Part %(part)s : %(error)s") % {"part": part, "error": error})
        raise
    _sum_parts(run_id)
    # The last part to finish closes the run (each part wrote « done » before looking).
    if not IndexingPart.objects.filter(run_id=run_id).exclude(status=IndexingRun.Status.DONE).exists():
        IndexingRun.objects.filter(pk=run_id, status=IndexingRun.Status.RUNNING).update(
            status=IndexingRun.Status.DONE, finished_at=timezone.now(), updated_at=timezone.now()
        )


def indexing_run_execute(
    *,
    run: IndexingRun,
    only_missing: bool = True,
    batch_size: int = BATCH_SIZE,
    echo: Callable[[IndexingRun], None] | None = None,
    part: tuple[int, int] = (0, 1),
) -> None:
    """Do the run (the shell's `matching_embed`): rebuild the term index (indexing.reindex_all),
    then embed every open row without an up-to-date vector, batch by batch, writing the progress
    after each batch. `echo(run)` follows each write (the command's terminal bar).
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
