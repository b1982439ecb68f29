"""Load the hand-judged evaluation set (tests/matching/evaluation) into the database and measure
the engine against a plain keyword baseline and the first engine: nDCG@5, top-1, P@5, nDCG@10
and MRR, on the tuning half and on the held-out half of the needs (`held_out`).

The caller owns the transaction: the command and the test roll everything back.
"""

import datetime
import hashlib
import math
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from django.db import transaction
from django.utils import timezone

from peps.directory.models import LegalForm, Structure
from peps.partnerships.models import Need, Offer, Reach
from peps.poles.models import Pole
from peps.projects.models import EconomicModel, Project
from peps.territory.models import EPCI, Commune, Departement, Region
from tests.matching.evaluation.communes import COMMUNES, EPCIS, TERRITORY
from tests.matching.evaluation.needs import NEEDS
from tests.matching.evaluation.offers import OFFERS
from tests.matching.evaluation.traps import (
    DEPARTEMENTS,
    EXTRA_COMMUNES,
    FIRST_NEEDS_ON_TRAPS,
    TRAP_NEEDS,
    TRAP_OFFERS,
)

from . import embeddings
from .embeddings import embed_rows
from .engine import need_profile, score_candidates, suggest_partners
from .indexing import NEEDS as NEEDS_SIDE
from .indexing import OFFERS as OFFERS_SIDE
from .indexing import index_need, index_offer
from .scoring import Weights, combine, distance_fit
from .text import keyword_set

POLE_SLUG = "evaluation-matching"


@dataclass
class LoadedSet:
    pole: Pole
    needs: dict[str, Need]
    offers: dict[str, Offer]
    judgements: dict[str, dict[str, int]]
    categories: dict[str, str] = field(default_factory=dict)


def _dates(offsets: tuple[int, int] | None, today: datetime.date) -> dict:
    if offsets is None:
        return {"starts_on": None, "ends_on": None}
    return {
        "starts_on": today + datetime.timedelta(days=offsets[0]),
        "ends_on": today + datetime.timedelta(days=offsets[1]),
    }


def _communes() -> dict[str, Commune]:
    region, _ = Region.objects.get_or_create(code="84", defaults={"name": "Auvergne-Rhône-Alpes"})
    departements = {"42": "Loire", **DEPARTEMENTS}
    for code, name in departements.items():
        Departement.objects.get_or_create(code=code, defaults={"name": name, "region": region})
    for code, name in EPCIS.items():
        EPCI.objects.get_or_create(code=code, defaults={"name": name})
    every = {code: (*row, "42") for code, row in COMMUNES.items()} | EXTRA_COMMUNES
    communes = {}
    for code, (name, latitude, longitude, epci, departement) in every.items():
        communes[code], _ = Commune.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "search_name": name.lower(),
                "departement_id": departement,
                "region": region,
                "epci_id": epci,
                "latitude": latitude,
                "longitude": longitude,
            },
        )
    return communes


def _place(where: str, communes: dict[str, Commune]) -> dict:
    if where == TERRITORY:
        return {"reach": Reach.TERRITORY, "commune": None}
    return {"reach": Reach.AROUND, "commune": communes[where]}


def held_out(key: str) -> bool:
    """The fixed split: about half of the needs, chosen by a hash of their key (not by what
    the engine does on them), are never used to fit anything."""
    return int(hashlib.sha1(key.encode(), usedforsecurity=False).hexdigest(), 16) % 2 == 1


def load_evaluation_set(*, embed: bool = True) -> LoadedSet:
    """Create the pole, communes, one structure per offer, one project per need, and the rows;
    index them as the services do, and compute their embeddings (as the task would)."""
    today = timezone.localdate()
    pole, _ = Pole.objects.get_or_create(slug=POLE_SLUG, defaults={"name": "Évaluation du moteur de partenaires"})
    communes = _communes()
    offers = {}
    every_offer = [(*row, {}) for row in OFFERS] + list(TRAP_OFFERS)
    for key, category, where, title, description, dates, facts in every_offer:
        structure = Structure.objects.create(
            pole=pole, name=f"Structure {key}", slug=key[:80], legal_form=LegalForm.ASSOCIATION
        )
        offers[key] = Offer.objects.create(
            pole=pole,
            structure=structure,
            category=category,
            title=title,
            description=description,
            **_place(where, communes),
            **_dates(dates, today),
            **_facts(facts),
        )
        index_offer(offers[key])
    needs, judgements, categories = {}, {}, {}
    every_need = [(*row[:8], {}, {**row[8], **FIRST_NEEDS_ON_TRAPS.get(row[0], {})}) for row in NEEDS]
    every_need += list(TRAP_NEEDS)
    for key, category, where, radius, title, description, dates, domain, facts, judged in every_need:
        project = Project.objects.create(
            pole=pole, title=f"Projet {key}", summary=title, domain=domain, economic_model=EconomicModel.ASSOCIATIVE
        )
        needs[key] = Need.objects.create(
            pole=pole,
            project=project,
            category=category,
            title=title,
            description=description,
            radius_km=radius,
            **_place(where, communes),
            **_dates(dates, today),
            **_facts(facts),
        )
        index_need(needs[key])
        judgements[key] = judged
        categories[key] = category
    if embed:
        stored = stored_vectors()
        for side, rows in ((OFFERS_SIDE, offers.values()), (NEEDS_SIDE, needs.values())):
            _store_vectors(side, rows, stored)
            embed_rows(side, [row.pk for row in rows])  # what the stored vectors lack (none, usually)
    return LoadedSet(pole=pole, needs=needs, offers=offers, judgements=judgements, categories=categories)


# The encoder's vectors of the set's texts, by digest (the model's name and the text): loading them
# spares each evaluation the encoder (about 8 s for the 529 texts, its loading included). A text
# changed or a model upgraded has another digest, and is encoded as the task would; `manage.py
# matching_evaluate --save-vectors` writes the file again. Stored as the database stores them
# (float16), so the rankings are the same as with the encoder.
STORED_VECTORS = Path(__file__).resolve().parents[2] / "tests" / "matching" / "evaluation" / "vectors.npz"


def stored_vectors(path: Path = STORED_VECTORS) -> dict[str, bytes]:
    """{digest: the vector's bytes, as the database stores them} of the evaluation's texts."""
    try:
        with np.load(path) as data:
            digests, vectors = data["digests"], data["vectors"]
    except (OSError, KeyError, ValueError):
        return {}
    return {d.decode(): v.tobytes() for d, v in zip(digests, vectors.astype(np.float16), strict=True)}


def _store_vectors(side, rows: Iterable[Need | Offer], stored: dict[str, bytes]) -> None:
    """Store the known vectors of these rows, as embed_rows would have computed them."""
    if not embeddings.enabled() or not stored:
        return
    model = embeddings.VECTORS[side.fk]
    known = []
    for row in rows:
        text_digest = embeddings.digest(embeddings.text_of(row.title, row.description))
        if text_digest in stored:
            known.append(model(pk=row.pk, digest=text_digest, vector=stored[text_digest]))
    with transaction.atomic():
        model.objects.bulk_create(known)


def save_vectors(loaded: LoadedSet, path: Path = STORED_VECTORS) -> int:
    """Write the vectors of the loaded set's texts (computed by the encoder if missing) to
    `path`; returns how many."""
    by_digest: dict[str, bytes] = {}
    for side, rows in ((OFFERS_SIDE, loaded.offers.values()), (NEEDS_SIDE, loaded.needs.values())):
        ids = [row.pk for row in rows]
        embed_rows(side, ids)
        by_digest |= dict(embeddings.VECTORS[side.fk].objects.filter(pk__in=ids).values_list("digest", "vector"))
    digests = sorted(by_digest)
    vectors = np.stack([np.frombuffer(bytes(by_digest[d]), dtype=np.float16) for d in digests])
    np.savez_compressed(path, digests=np.array(digests, dtype="S40"), vectors=vectors)
    return len(digests)


def _facts(facts: dict) -> dict:
    return {name: value for name, value in facts.items() if value not in ("", None)}


def precision_at(ranked: list[str], judged: dict[str, int], k: int = 5) -> float:
    return sum(1 for key in ranked[:k] if judged.get(key, 0) > 0) / k


def ndcg_at(ranked: list[str], judged: dict[str, int], k: int = 10) -> float:
    def dcg(grades: list[int]) -> float:
        return sum((2**g - 1) / math.log2(i + 2) for i, g in enumerate(grades[:k]))

    ideal = dcg(sorted(judged.values(), reverse=True))
    return dcg([judged.get(key, 0) for key in ranked]) / ideal if ideal else 0.0


def top1(ranked: list[str], judged: dict[str, int]) -> float:
    """1 if the first suggestion answers the need (judged 2), else 0."""
    return 1.0 if ranked and judged.get(ranked[0], 0) == 2 else 0.0


def mrr(ranked: list[str], judged: dict[str, int]) -> float:
    """1 / rank of the first suggestion judged relevant (1 or 2), 0 if none in the list."""
    for i, key in enumerate(ranked):
        if judged.get(key, 0) > 0:
            return 1.0 / (i + 1)
    return 0.0


def keyword_baseline(loaded: LoadedSet) -> Callable[[Need], list[str]]:
    """Rank offers by the number of folded words shared with the need (no stemming, synonyms,
    category, distance or dates); ties in the order the offers were written."""
    words = {key: keyword_set(f"{o.title} {o.description}") for key, o in loaded.offers.items()}

    def rank(need: Need) -> list[str]:
        need_words = keyword_set(f"{need.title} {need.description}")
        overlaps = [(len(need_words & offer_words), key) for key, offer_words in words.items()]
        return [key for count, key in sorted(overlaps, key=lambda x: -x[0]) if count > 0][:10]

    return rank


def engine_ranking(loaded: LoadedSet) -> Callable[[Need], list[str]]:
    key_of = {offer.pk: key for key, offer in loaded.offers.items()}

    def rank(need: Need) -> list[str]:
        return [key_of[s.offer.pk] for s in suggest_partners(need, limit=10)]

    return rank


# The first engine's weights (before issue 16): no embeddings, no structured answers.
FIRST_ENGINE = Weights(
    text=0.35,
    semantic=0.0,
    category=0.20,
    kind=0.0,
    distance=0.15,
    territory=0.08,
    availability=0.07,
    schedule=0.0,
    freshness=0.05,
    history=0.10,
)


def first_engine_ranking(loaded: LoadedSet) -> Callable[[Need], list[str]]:
    """Today's candidates scored as the first engine did: its weights, distance always counted
    (remote or not), no misfit ordering."""
    key_of = {offer.pk: key for key, offer in loaded.offers.items()}

    def rank(need: Need) -> list[str]:
        need_row = {**need_profile(need)}
        scored = []
        for s in score_candidates(need):
            components = dict(s.components)
            components["distance"], _km = distance_fit(need_row, s.row, FIRST_ENGINE)
            scored.append((-combine(components, FIRST_ENGINE), s.pk))
        return [key_of[pk] for _score, pk in sorted(scored)[:10]]

    return rank


@dataclass
class Figures:
    needs: int
    ndcg_at_5: float
    top_1: float
    precision_at_5: float
    ndcg_at_10: float
    mrr: float
    by_category: dict[str, float] = field(default_factory=dict)  # nDCG@5

    def row(self) -> tuple[float, ...]:
        return (self.ndcg_at_5, self.top_1, self.precision_at_5, self.ndcg_at_10, self.mrr)


def figures(
    rankings: dict[str, list[str]], judgements: dict[str, dict[str, int]], categories: dict[str, str]
) -> Figures:
    keys = list(rankings)
    if not keys:
        return Figures(0, 0.0, 0.0, 0.0, 0.0, 0.0)

    def mean(values) -> float:
        values = list(values)
        return sum(values) / len(values)

    by_category: dict[str, list[float]] = {}
    for key in keys:
        by_category.setdefault(categories[key], []).append(ndcg_at(rankings[key], judgements[key], 5))
    return Figures(
        needs=len(keys),
        ndcg_at_5=mean(ndcg_at(rankings[k], judgements[k], 5) for k in keys),
        top_1=mean(top1(rankings[k], judgements[k]) for k in keys),
        precision_at_5=mean(precision_at(rankings[k], judgements[k], 5) for k in keys),
        ndcg_at_10=mean(ndcg_at(rankings[k], judgements[k], 10) for k in keys),
        mrr=mean(mrr(rankings[k], judgements[k]) for k in keys),
        by_category={c: mean(v) for c, v in sorted(by_category.items())},
    )


def measure(loaded: LoadedSet, rank: Callable[[Need], list[str]]) -> dict[str, Figures]:
    """Figures of one ranking on the tuning half ("tuning") and the held-out half ("held_out")."""
    rankings = {key: rank(need) for key, need in loaded.needs.items()}
    halves = {
        "tuning": {k: r for k, r in rankings.items() if not held_out(k)},
        "held_out": {k: r for k, r in rankings.items() if held_out(k)},
    }
    return {name: figures(half, loaded.judgements, loaded.categories) for name, half in halves.items()}


def tuning_errors(loaded: LoadedSet) -> dict[str, Counter]:
    """What the engine gets wrong on the TUNING half only (the held-out half is never read here):
    the offers judged 2 missing from their need's top 5, by why; and the offers ranked above the
    last offer judged 2 of a need's top 10 (the « intruders », judged 0 or 1), by what they won
    on against it. The engine's own ranking, with the components of `score_candidates`."""
    key_of = {offer.pk: key for key, offer in loaded.offers.items()}
    missing: Counter = Counter()
    intruders: Counter = Counter()
    needs = lost = 0
    for key, need in loaded.needs.items():
        if held_out(key):
            continue
        needs += 1
        judged = loaded.judgements[key]
        ranked = [key_of[s.offer.pk] for s in suggest_partners(need, limit=10)]
        scored = {key_of[s.pk]: s for s in score_candidates(need)}
        if ndcg_at(ranked, judged, 5) >= 0.95 and top1(ranked, judged) == 1.0:
            continue
        lost += 1
        for offer_key, grade in judged.items():
            if grade == 2 and offer_key not in ranked[:5]:
                missing[_why_missing(scored.get(offer_key), loaded.offers[offer_key], need)] += 1
        relevant = [i for i, offer_key in enumerate(ranked) if judged.get(offer_key, 0) == 2]
        if not relevant or ranked[max(relevant)] not in scored:
            continue
        last = scored[ranked[max(relevant)]].components
        for offer_key in ranked[: max(relevant)]:
            grade = judged.get(offer_key, 0)
            if grade < 2 and offer_key in scored:
                intruders[(grade, _won_on(scored[offer_key].components, last))] += 1
    return {"needs": Counter(tuning=needs, lost=lost), "missing": missing, "intruders": intruders}


@dataclass
class Miss:
    """One tuning need the engine gets wrong, to read: its first suggestions and the offers
    judged 2 that are not among them, each with its grade and components."""

    key: str
    title: str
    ndcg_at_5: float
    shown: list[tuple[int, str, int, dict]]  # (rank, offer key, grade, components), first `limit`
    missed: list[tuple[int, str, int, dict]]  # offers judged 2 ranked after `limit` (rank 0: not a candidate)


def tuning_misses(loaded: LoadedSet, *, limit: int = 5) -> list[Miss]:
    """Each TUNING need with nDCG@5 < 0.95 or a wrong first suggestion (the held-out half is
    never read), worst first: what `matching_evaluate --errors --needs` prints."""
    key_of = {offer.pk: key for key, offer in loaded.offers.items()}
    misses = []
    for key, need in loaded.needs.items():
        if held_out(key):
            continue
        judged = loaded.judgements[key]
        scored = {key_of[s.pk]: s for s in score_candidates(need)}
        ranked = [key_of[s.offer.pk] for s in suggest_partners(need, limit=max(limit, 10))]
        ndcg = ndcg_at(ranked, judged, 5)
        if ndcg >= 0.95 and top1(ranked, judged) == 1.0:
            continue
        order = sorted(scored.values(), key=lambda s: s.rank_key)
        rank_of = {key_of[s.pk]: i + 1 for i, s in enumerate(order)}
        missed = sorted(
            (
                (rank_of.get(k, 0), k, 2, scored[k].components if k in scored else {})
                for k, grade in judged.items()
                if grade == 2 and k not in ranked[:limit]
            ),
            key=lambda r: r[0] or 10**6,
        )
        shown = [
            (i + 1, k, judged.get(k, 0), scored[k].components if k in scored else {})
            for i, k in enumerate(ranked[:limit])
        ]
        misses.append(Miss(key, need.title, ndcg, shown, missed))
    return sorted(misses, key=lambda m: m.ndcg_at_5)


def _why_missing(scored, offer: Offer, need: Need) -> str:
    if scored is None:
        return "not a candidate"
    if not scored.feasible:
        return "ranked as a misfit"
    if offer.category != need.category:
        return "of another category"
    if scored.components["text"] == 0:
        return "no shared word (paraphrase)"
    if scored.components["distance"] < 0.5:
        return "far"
    return "same category, shares words, outranked"


def _won_on(components: dict, last: dict) -> str:
    """The components where an intruder beats the relevant offer it passes by more than 0.1."""
    won = [
        name
        for name in ("text", "semantic", "kind", "distance", "schedule", "freshness")
        if components[name] > last[name] + 0.1
    ]
    return ", ".join(won) or "small differences"
