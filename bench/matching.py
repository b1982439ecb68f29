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
candidate whatever the vector holds). What a real load of 200,000 different texts would cost is
estimated from a timed sample of distinct texts (`--embed-sample`), printed with the figures.
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
    parser.add_argument("--needs", type=int, default=200)
    parser.add_argument("--brute-force", type=int, default=20, help="Needs also timed with the full scan.")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--embed-sample", type=int, default=256, help="Distinct texts timed to estimate a full load.")
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


def estimate_embedding_load(sample: int, offers: int) -> None:
    """Time the embedding of `sample` distinct real texts (batches of 64, as matching_embed
    does) and extrapolate to `offers` offers."""
    from peps.matching.embeddings import encode, model, text_of
    from tests.matching.evaluation.offers import OFFERS
    from tests.matching.evaluation.traps import TRAP_OFFERS

    model()  # loading the weights once is not per offer
    texts = [text_of(o[3], o[4]) for o in (*OFFERS, *TRAP_OFFERS)]
    texts = [f"{texts[i % len(texts)]} ({i})" for i in range(sample)]  # distinct
    started, cpu = time.perf_counter(), time.process_time()
    for start in range(0, len(texts), 64):
        encode(texts[start : start + 64])
    wall, cpu = time.perf_counter() - started, time.process_time() - cpu
    print(
        f"embedding {sample} distinct texts: {1000 * wall / sample:.1f} ms each (wall), "
        f"{1000 * cpu / sample:.1f} ms CPU; {offers:,} offers ≈ {wall / sample * offers / 60:.0f} min "
        f"(wall, this load), {cpu / sample * offers / 60:.0f} min of CPU"
    )


def brute_force(need, limit: int = 10) -> list[int]:
    """Score every open offer of the database from its stored term vector, no index, no cap."""
    from django.utils import timezone

    from peps.directory.models import Structure
    from peps.matching.embeddings import vectors_of
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
            query, row, candidate=row, bm25=bm25, ideal=ideal, history=False, today=today, now=now, cosine=cosine
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
    if os.environ.get("DB_ENGINE", "sqlite") == "sqlite" and not Path(args.db).exists():
        print(f"copying {args.source} to {args.db}…", flush=True)
        shutil.copyfile(args.source, args.db)
    setup_django(args.db)
    prepare(args)

    from django.db import connection

    from peps.matching.engine import suggest_partners
    from peps.partnerships.models import Need, Offer

    needs = list(Need.objects.select_related("commune", "project").order_by("pk")[: args.needs])
    print(f"{Offer.objects.count()} offers, {len(needs)} needs, {connection.vendor}", flush=True)
    for need in needs[:5]:  # warm the caches (SQLite pages, stemmer) as a running server has them
        suggest_partners(need)
    engine_ms, engine_cpu_ms, brute_ms, overlaps = [], [], [], []
    for i, need in enumerate(needs):
        started, cpu = time.perf_counter(), time.process_time()
        engine_top = [s.offer.pk for s in suggest_partners(need, limit=10)]
        engine_ms.append((time.perf_counter() - started) * 1000)
        engine_cpu_ms.append((time.process_time() - cpu) * 1000)
        if i < args.brute_force:
            started = time.perf_counter()
            brute_top = brute_force(need)
            brute_ms.append((time.perf_counter() - started) * 1000)
            overlaps.append(len(set(engine_top) & set(brute_top)) / max(1, len(brute_top)))
    print()
    print(f"{'top 10 for one need':32} {'needs':>6} {'p50 ms':>9} {'p95 ms':>9} {'max ms':>9}")
    rows = (
        ("engine (index + exact scoring)", engine_ms),
        ("  same, CPU time of the process", engine_cpu_ms),
        ("brute force (full scan)", brute_ms),
    )
    for name, values in rows:
        if values:
            print(
                f"{name:32} {len(values):6d} {statistics.median(values):9.1f} "
                f"{percentile(values, 0.95):9.1f} {max(values):9.1f}"
            )
    if overlaps:
        print(f"\nsame top 10 as the brute force: {100 * statistics.mean(overlaps):.1f} % of the offers")
    if args.embed_sample:
        estimate_embedding_load(args.embed_sample, args.offers)
    print(f"load average during the run: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    target = percentile(engine_ms, 0.95) < 100
    print(f"target p95 < 100 ms: {'met' if target else 'NOT met'}")
    sys.exit(0 if target else 1)


if __name__ == "__main__":
    main()
