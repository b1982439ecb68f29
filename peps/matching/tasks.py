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
