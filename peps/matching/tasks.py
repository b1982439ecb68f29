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
    """Rebuild the term index, then queue the embeddings of every open row without one (a bulk
    load) in parts, one task each (indexing_part_task), for several workers side by side."""
    from .models import IndexingRun
    from .services import indexing_run_split

    run = IndexingRun.objects.filter(pk=run_id, status=IndexingRun.Status.QUEUED).first()
    if run is not None:  # already taken by another worker, or deleted
        indexing_run_split(run=run)


@task()
def indexing_part_task(*, part_id: int) -> None:
    """Compute one part of a run's embeddings, writing its progress and the run's."""
    from .models import IndexingPart
    from .services import indexing_part_execute

    part = IndexingPart.objects.filter(pk=part_id, status="queued").first()
    if part is not None:  # already taken by another worker, or deleted
        indexing_part_execute(part=part)
