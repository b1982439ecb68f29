#!/usr/bin/env python
"""Time the matching engine at national scale: top 10 offers for ~200 needs among 200,000 offers,
against a brute-force full scan that scores every offer (the reference).

    .venv/bin/python bench/matching.py                       # var/matching-bench.sqlite3
    .venv/bin/python bench/matching.py --brute-force 20      # brute force on the first 20 needs

The bench database is a copy of var/national.sqlite3 (100 poles, 200,000 structures, 50,000
projects; `make seed-national`) migrated for matching. The national seed has no offers: the first
run adds synthetic ones with bulk_create (2,000 per pole, texts drawn from the evaluation set,
each at the commune of its structure) and needs on existing projects, then runs
`manage.py matching_reindex`, as a bulk load must. Later runs reuse them.

Sentence embeddings: the synthetic offers reuse ~300 texts, so the bench embeds each distinct
text once and stores its vector for every offer that has it (the query step reads 1 KB per
candidate whatever the vector holds). The engine's embedding step (the need's stored vector,
the candidates' vectors, the product) is timed apart inside each query. What a real load of
200,000 different texts would cost is estimated from a timed sample of distinct texts
(`--embed-sample`, per encoder batch size `--batch-sizes`), printed with the figures.

    .venv/bin/python bench/matching.py --embed-only --embed-sample 5000 --batch-sizes 1,32,128

measures only that (no database), plus the embedding step over a preloaded matrix of
`--offers` synthetic vectors: what scoring the meaning of every offer without a pre-filter costs.
Run it niced on a shared machine: it keeps both cores busy for minutes.
"""

import argparse
import os
import random
import shutil
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", default=str(ROOT / "var" / "matching-bench.sqlite3"))
    parser.add_argument("--source", default=str(ROOT / "var" / "national.sqlite3"), help="Seeded national DB to copy.")
    parser.add_argument("--offers", type=int, default=200_000)
    parser.add_argument("--needs", type=int, default=200, help="Needs in the database (the poles' own included).")
    parser.add_argument(
        "--timed",
        type=int,
        default=None,
        help="Needs timed (default: --needs). More needs than timed fill the poles' hubness references.",
    )
    parser.add_argument("--brute-force", type=int, default=20, help="Needs also timed with the full scan.")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--embed-sample", type=int, default=256, help="Distinct texts timed to estimate a full load.")
    parser.add_argument("--batch-sizes", default="1,16,64,128", help="Encoder batch sizes timed with --embed-sample.")
    parser.add_argument("--threads", type=int, default=2, help="BLAS threads of the encoder (with --embed-only).")
    parser.add_argument(
        "--embed-only", action="store_true", help="Only the embedding throughput and the matrix scan (no database)."
    )
    return parser.parse_args()


def setup_django(db: str) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    if os.environ.get("DB_ENGINE", "sqlite") == "sqlite":
        os.environ["DB_NAME"] = db
    import django

    django.setup()


def prepare(args: argparse.Namespace) -> None:
    """Copy and migrate the national DB, add synthetic offers and needs, rebuild the index."""
    from django.core.management import call_command
    from django.db import transaction

    from peps.directory.models import Structure
    from peps.matching.models import OfferDoc
    from peps.partnerships.models import Need, Offer, Reach
    from peps.projects.models import Project
    from tests.matching.evaluation.needs import NEEDS
    from tests.matching.evaluation.offers import OFFERS

    call_command("migrate", "matching", verbosity=0)
    rng = random.Random(args.seed)
    missing = args.offers - Offer.objects.count()
    if missing > 0:
        print(f"adding {missing} synthetic offers…", flush=True)
        structures = list(Structure.objects.filter(is_active=True).values_list("pk", "pole_id", "commune_id"))
        batch = []
        started = time.perf_counter()
        with transaction.atomic():
            for _ in range(missing):
                structure_id, pole_id, commune_id = rng.choice(structures)
                _key, category, where, title, _d, _dates = rng.choice(OFFERS)
                description = rng.choice([o for o in OFFERS if o[1] == category])[4]
                batch.append(
                    Offer(
                        pole_id=pole_id,
                        structure_id=structure_id,
                        category=category,
                        title=title,
                        description=description,
                        reach=Reach.TERRITORY if where == "*" else Reach.AROUND,
                        commune_id=commune_id,
                        radius_km=rng.choice([10, 20, 30]),
                    )
                )
                if len(batch) == 5000:
                    Offer.objects.bulk_create(batch)
                    batch = []
            Offer.objects.bulk_create(batch)
        print(f"  done in {time.perf_counter() - started:.1f} s", flush=True)
    missing_needs = args.needs - Need.objects.count()
    if missing_needs > 0:
        projects = list(Project.objects.values_list("pk", "pole_id", "commune_id").order_by("?")[:missing_needs])
        needs = []
        for project_id, pole_id, commune_id in projects:
            _key, category, where, radius, title, description, _dates, _domain, _judged = rng.choice(NEEDS)
            needs.append(
                Need(
                    pole_id=pole_id,
                    project_id=project_id,
                    category=category,
                    title=title,
                    description=description,
                    reach=Reach.TERRITORY if where == "*" else Reach.AROUND,
                    commune_id=commune_id,
                    radius_km=radius,
                )
            )
        Need.objects.bulk_create(needs)
    if OfferDoc.objects.count() < Offer.objects.filter(is_open=True).count() or missing_needs > 0:
        started = time.perf_counter()
        call_command("matching_reindex")
        print(f"matching_reindex: {time.perf_counter() - started:.1f} s", flush=True)
    embed_by_text()


def embed_by_text() -> None:
    """Store a vector for every offer and need without one, embedding each distinct text once."""
    from django.db import transaction

    from peps.matching.embeddings import digest, encode, text_of, to_bytes
    from peps.matching.models import NeedVector, OfferVector
    from peps.partnerships.models import Need, Offer

    for model, vectors in ((Offer, OfferVector), (Need, NeedVector)):
        rows = list(
            model.objects.filter(is_open=True)
            .exclude(pk__in=vectors.objects.values("pk"))
            .values_list("pk", "title", "description")
        )
        if not rows:
            continue
        texts = {pk: text_of(title, description) for pk, title, description in rows}
        distinct = sorted(set(texts.values()))
        started = time.perf_counter()
        computed = {}
        for start in range(0, len(distinct), 64):
            chunk = distinct[start : start + 64]
            computed.update(zip(chunk, encode(chunk), strict=True))
        print(f"{model.__name__}: {len(distinct)} distinct texts embedded in {time.perf_counter() - started:.1f} s")
        with transaction.atomic():
            batch = []
            for pk, text in texts.items():
                batch.append(vectors(pk=pk, digest=digest(text), vector=to_bytes(computed[text])))
                if len(batch) == 5000:
                    vectors.objects.bulk_create(batch)
                    batch = []
            vectors.objects.bulk_create(batch)


def estimate_embedding_load(sample: int, offers: int, batch_sizes: list[int]) -> None:
    """Time the embedding of `sample` distinct real texts for each batch size (the encoder's
    cost per text falls with the batch), and extrapolate to `offers` offers. One text at a time
    is timed on at most 200 texts (it is the slow case)."""
    from peps.matching.embeddings import encode, model, text_of
    from tests.matching.evaluation.offers import OFFERS
    from tests.matching.evaluation.traps import TRAP_OFFERS

    model()  # loading the weights once is not per offer
    texts = [text_of(o[3], o[4]) for o in (*OFFERS, *TRAP_OFFERS)]
    texts = [f"{texts[i % len(texts)]} ({i})" for i in range(sample)]  # distinct
    print(f"\nembedding throughput, {sample} distinct texts of {sum(map(len, texts)) / len(texts):.0f} characters")
    print(f"{'batch':>6} {'texts':>6} {'ms/text wall':>13} {'ms/text CPU':>12} {'texts/s':>8} {'200k, min':>10}")
    for batch in batch_sizes:
        chosen = texts[: min(len(texts), 200)] if batch == 1 else texts
        started, cpu = time.perf_counter(), time.process_time()
        for start in range(0, len(chosen), batch):
            encode(chosen[start : start + batch])
        wall, cpu = time.perf_counter() - started, time.process_time() - cpu
        per_text = wall / len(chosen)
        print(
            f"{batch:6d} {len(chosen):6d} {1000 * per_text:13.1f} {1000 * cpu / len(chosen):12.1f} "
            f"{1 / per_text:8.1f} {per_text * offers / 60:10.1f}",
            flush=True,
        )
    print(f"load average after the embedding sample: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")


def time_matrix_scan(offers: int, queries: int = 50, seed: int = 42) -> None:
    """The embedding step alone over a preloaded, normalised matrix of `offers` synthetic
    vectors (float32, 512 dimensions, as the stored float16 vectors become): one matrix product
    and the best 1,000 by cosine, per query. What scoring the meaning of every offer of the
    country would cost, without any pre-filter."""
    import numpy as np

    rng = np.random.default_rng(seed)
    matrix = rng.standard_normal((offers, 512), dtype=np.float32).astype(np.float16).astype(np.float32)
    matrix /= np.linalg.norm(matrix, axis=1, keepdims=True)
    times = []
    for _ in range(queries):
        query = rng.standard_normal(512, dtype=np.float32)
        query /= np.linalg.norm(query)
        started = time.perf_counter()
        cosines = matrix @ query
        best = np.argpartition(-cosines, 1000)[:1000]
        best = best[np.argsort(-cosines[best])]
        times.append((time.perf_counter() - started) * 1000)
    print(
        f"\nembedding step over a preloaded matrix of {offers:,} vectors ({matrix.nbytes / 2**20:.0f} MB float32): "
        f"p50 {statistics.median(times):.1f} ms, p95 {percentile(times, 0.95):.1f} ms, max {max(times):.1f} ms"
    )


def brute_force(need, limit: int = 10) -> list[int]:
    """Score every open offer of the database from its stored term vector, no index, no cap."""
    import numpy as np
    from django.utils import timezone

    from peps.directory.models import Structure
    from peps.matching.embeddings import hubness, reference_matrix, vectors_of
    from peps.matching.engine import need_profile
    from peps.matching.indexing import NEEDS as NEEDS_SIDE
    from peps.matching.indexing import OFFERS, decode_terms
    from peps.matching.models import OfferDoc
    from peps.matching.scoring import bm25_term, idf, score_pair
    from peps.matching.text import term_weights
    from peps.poles.models import Membership, MembershipStatus

    query = need_profile(need)
    query_terms = term_weights(need.title, need.description)
    fields = (
        "pk pole_id category reach radius_km latitude longitude epci_code starts_on ends_on updated_at "
        "owner_structure_id owner_person_id length terms facts"
    ).split()
    rows = list(OfferDoc.objects.filter(offer__is_open=True).values(*fields))
    query_vector = vectors_of(NEEDS_SIDE, [need.pk]).get(need.pk)
    stored = vectors_of(OFFERS, [row["pk"] for row in rows if row["pole_id"] == query["pole_id"]])
    # Each offer's hubness against the pole's needs (the engine's reference), 0 without one.
    reference = reference_matrix(NEEDS_SIDE, query["pole_id"]) if query_vector is not None else None
    hubs = (
        dict(zip(stored, hubness(np.array(list(stored.values())), reference).tolist(), strict=True)) if stored else {}
    )
    inactive = set(Structure.objects.filter(is_active=False).values_list("pk", flat=True))
    left = set(Membership.objects.filter(status=MembershipStatus.LEFT).values_list("pole_id", "structure_id"))
    vectors = [decode_terms(row["terms"]) for row in rows]
    in_pole = [i for i, row in enumerate(rows) if row["pole_id"] == query["pole_id"]]
    frequencies = {t: sum(1 for i in in_pole if t in vectors[i]) for t in query_terms}
    average = sum(rows[i]["length"] for i in in_pole) / max(1, len(in_pole))
    coefficients = {t: idf(len(in_pole), frequencies[t]) * w for t, w in query_terms.items()}
    ideal = sum(coefficients.values())
    today, now = timezone.localdate(), timezone.now()
    holder = {need.structure_id, query["holder_structure_id"]} - {None}
    scored = []
    for row, vector in zip(rows, vectors, strict=True):
        bm25 = sum(c * bm25_term(vector[t], row["length"], average) for t, c in coefficients.items() if t in vector)
        vector = stored.get(row["pk"])
        cosine = float(vector @ query_vector) if vector is not None and query_vector is not None else None
        s = score_pair(
            query,
            row,
            candidate=row,
            bm25=bm25,
            ideal=ideal,
            history=False,
            today=today,
            now=now,
            cosine=cosine,
            hub=hubs.get(row["pk"], 0.0),
        )
        eligible = (
            row["pole_id"] == query["pole_id"]
            and row["owner_structure_id"] not in inactive
            and (row["pole_id"], row["owner_structure_id"]) not in left
            and row["owner_structure_id"] not in holder
        )
        if eligible:
            scored.append(s.rank_key)
    scored.sort()
    return [pk for _misfit, _score, pk in scored[:limit]]


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def main() -> None:
    args = parse_args()
    batch_sizes = [int(b) for b in args.batch_sizes.split(",") if b]
    if args.embed_only:
        setup_django(args.db)
        from django.conf import settings

        settings.MATCHING_EMBEDDING_THREADS = args.threads
        estimate_embedding_load(args.embed_sample, args.offers, batch_sizes)
        time_matrix_scan(args.offers)
        return
    if os.environ.get("DB_ENGINE", "sqlite") == "sqlite" and not Path(args.db).exists():
        print(f"copying {args.source} to {args.db}…", flush=True)
        shutil.copyfile(args.source, args.db)
    setup_django(args.db)
    prepare(args)

    from django.db import connection

    from peps.matching import engine
    from peps.matching.embeddings import enabled
    from peps.partnerships.models import Need, Offer

    # The embedding step of each query (the need's stored vector; the candidates' vectors read
    # best first and their meaning scored until no other can reach the top) is timed apart,
    # inside the engine's own timing.
    step = {"ms": 0.0}

    def timed(function):
        def wrapper(*a, **k):
            started = time.perf_counter()
            try:
                return function(*a, **k)
            finally:
                step["ms"] += (time.perf_counter() - started) * 1000

        return wrapper

    engine._query_vector = timed(engine._query_vector)
    engine._hub_reference = timed(engine._hub_reference)  # the pole's needs, for the offers' hubness
    engine._with_meaning = timed(engine._with_meaning)
    embedding_ms = []
    needs = list(Need.objects.select_related("commune", "project").order_by("pk")[: args.timed or args.needs])
    print(
        f"{Offer.objects.count()} offers, {len(needs)} needs, {connection.vendor}, embeddings {enabled()}", flush=True
    )
    for need in needs[:5]:  # warm the caches (SQLite pages, stemmer) as a running server has them
        engine.suggest_partners(need)
    engine_ms, engine_cpu_ms, brute_ms, overlaps = [], [], [], []
    for i, need in enumerate(needs):
        step["ms"] = 0.0
        started, cpu = time.perf_counter(), time.process_time()
        engine_top = [s.offer.pk for s in engine.suggest_partners(need, limit=10)]
        engine_ms.append((time.perf_counter() - started) * 1000)
        engine_cpu_ms.append((time.process_time() - cpu) * 1000)
        embedding_ms.append(step["ms"])
        if i < args.brute_force:
            started = time.perf_counter()
            brute_top = brute_force(need)
            brute_ms.append((time.perf_counter() - started) * 1000)
            overlaps.append(len(set(engine_top) & set(brute_top)) / max(1, len(brute_top)))
    print()
    print(f"{'top 10 for one need':36} {'needs':>6} {'p50 ms':>9} {'p95 ms':>9} {'max ms':>9}")
    rows = (
        ("engine (index + exact scoring)", engine_ms),
        ("  same, CPU time of the process", engine_cpu_ms),
        ("  of which the embedding step", embedding_ms),
        ("brute force (full scan)", brute_ms),
    )
    for name, values in rows:
        if values:
            print(
                f"{name:36} {len(values):6d} {statistics.median(values):9.1f} "
                f"{percentile(values, 0.95):9.1f} {max(values):9.1f}"
            )
    if overlaps:
        print(f"\nsame top 10 as the brute force: {100 * statistics.mean(overlaps):.1f} % of the offers")
    print(f"load average during the run: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    if args.embed_sample:
        estimate_embedding_load(args.embed_sample, args.offers, batch_sizes)
    target = percentile(engine_ms, 0.95) < 100
    print(f"target p95 < 100 ms: {'met' if target else 'NOT met'}")
    sys.exit(0 if target else 1)


if __name__ == "__main__":
    main()
