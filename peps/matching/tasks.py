"""Background jobs of matching. Tasks are thin: they call embeddings.py."""

from django_tasks import task

from .embeddings import embed_rows
from .indexing import NEEDS, OFFERS


@task()
def embed_offer_task(*, offer_id: int) -> int:
    """Compute the sentence embedding of an offer saved with a new text."""
    return embed_rows(OFFERS, [offer_id])


@task()
def embed_need_task(*, need_id: int) -> int:
    """Compute the sentence embedding of a need saved with a new text."""
    return embed_rows(NEEDS, [need_id])


@task()
def indexing_run_task(*, run_id: int) -> None:
    """Rebuild the index and compute the missing embeddings of every open row (a bulk load),
    writing the progress the network administration's page shows."""
    from .models import IndexingRun
    from .services import indexing_run_execute

    run = IndexingRun.objects.filter(pk=run_id, status=IndexingRun.Status.QUEUED).first()
    if run is not None:  # already done by another worker, or deleted
        indexing_run_execute(run=run)
