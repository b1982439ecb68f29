"""How well an offer answers a need: each component is a number in 0–1, the score is their
weighted sum (weights in WEIGHTS, fitted on the evaluation set: fitted_weights.json, written by
`manage.py matching_fit`, documented in docs/matching.md), and the reasons say why in short
French phrases. A pair with a hard misfit (constraints.py) ranks after every pair without one."""

import dataclasses
import datetime
import json
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from peps.partnerships.models import Category, Reach

from .constraints import Fit, assess

COMPONENTS = (
    "text",
    "semantic",
    "category",
    "kind",
    "distance",
    "territory",
    "availability",
    "schedule",
    "freshness",
    "history",
)


@dataclass(frozen=True)
class Weights:
    """Every tunable number of the engine, in one place. The component weights add up to 1;
    the defaults are the hand-set ones, replaced by the fitted ones (fitted_weights.json)."""

    text: float = 0.25
    semantic: float = 0.20
    category: float = 0.15
    kind: float = 0.05
    distance: float = 0.12
    territory: float = 0.06
    availability: float = 0.05
    schedule: float = 0.03
    freshness: float = 0.02
    history: float = 0.07
    # Cosines of the sentence embeddings below this count as no likeness at all; above, the
    # component grows linearly to 1 at `semantic_full`.
    semantic_floor: float = 0.1
    semantic_full: float = 0.6
    # The share of an offer's hubness (embeddings.hubness: its mean cosine with its nearest
    # needs of the pole) taken off its cosine before the floor: an offer near every need says
    # little about this one. 0 turns it off (and the floor and ceiling are then read as cosines).
    hub_penalty: float = 0.0
    # BM25 parameters, and the share of the "ideal" BM25 (each query word once in a document
    # of average length) that already counts as a full text match.
    bm25_k1: float = 1.2
    bm25_b: float = 0.75
    text_saturation: float = 0.6
    related_category: float = 0.35
    freshness_half_life_days: float = 180.0
    # A need with no commune or an offer with no commune: distance is unknown, half marks.
    unknown_distance: float = 0.5
    # Candidate generation: the best rows by SQL BM25, plus the nearest rows of the same or a
    # related category (so that a room offer with other words still competes).
    text_candidates: int = 1000
    category_candidates: int = 200
    # The history lookup runs on the best `history_pool × limit` rows only.
    history_pool: int = 4
    # The only words the reasons show, at most.
    reason_words: int = 4

    @property
    def components(self) -> dict[str, float]:
        return {name: getattr(self, name) for name in COMPONENTS}

    @cached_property
    def pairs(self) -> tuple[tuple[str, float], ...]:
        """(component, weight) with a weight: what combine() sums, read once (it runs for every
        candidate of every query)."""
        return tuple((name, getattr(self, name)) for name in COMPONENTS if getattr(self, name))


FITTED_WEIGHTS = Path(__file__).with_name("fitted_weights.json")


def load_weights(path: Path = FITTED_WEIGHTS) -> Weights:
    """The fitted weights if they were fitted (unknown keys ignored), else the defaults."""
    try:
        data = json.loads(path.read_text())
    except (OSError, ValueError):
        return Weights()
    names = {f.name for f in dataclasses.fields(Weights)}
    return Weights(**{k: v for k, v in data.get("weights", {}).items() if k in names})


WEIGHTS = load_weights()

# Categories close enough that one can stand in for the other, a little.
_RELATED_PAIRS = {
    frozenset({Category.PREMISES, Category.EQUIPMENT}),
    frozenset({Category.EQUIPMENT, Category.SUPPLIER}),
    frozenset({Category.SKILLS, Category.VOLUNTEERING}),
    frozenset({Category.SKILLS, Category.NETWORKING}),
    frozenset({Category.OUTLET, Category.SUPPLIER}),
    frozenset({Category.OUTLET, Category.NETWORKING}),
    frozenset({Category.FUNDING, Category.NETWORKING}),
}


@lru_cache(maxsize=32)
def related_categories(category: str) -> frozenset[str]:
    """Categories related to `category`, itself excluded; « autre » is related to everything."""
    if category == Category.OTHER:
        return frozenset(c.value for c in Category if c != Category.OTHER)
    related = {c for pair in _RELATED_PAIRS if category in pair for c in pair if c != category}
    return frozenset({str(c) for c in related} | {Category.OTHER.value})


def category_fit(a: str, b: str, weights: Weights = WEIGHTS) -> float:
    if a == b:
        return 1.0
    return weights.related_category if b in related_categories(a) else 0.0


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance between two points, in kilometres."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlambda = phi2 - phi1, math.radians(lon2 - lon1)
    h = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def bounding_box(lat: float, lon: float, km: float) -> tuple[float, float, float, float]:
    """(min lat, max lat, min lon, max lon) of a square of half-side `km` around a point."""
    dlat = km / 111.0
    dlon = km / (111.0 * max(0.1, math.cos(math.radians(lat))))
    return lat - dlat, lat + dlat, lon - dlon, lon + dlon


def distance_fit(
    need: Mapping, offer: Mapping, weights: Weights = WEIGHTS, fit: Fit | None = None
) -> tuple[float, float | None]:
    """(score, km): 1 on the spot, ½ at the need's radius, ⅕ at twice the radius. An offer or
    need for the whole territory fits anywhere in its pole; elsewhere it does not fit. An offer
    that can be done remotely fits anywhere; one that travels fits anywhere within its radius."""
    km = None
    if None not in (need["latitude"], need["longitude"], offer["latitude"], offer["longitude"]):
        km = haversine_km(need["latitude"], need["longitude"], offer["latitude"], offer["longitude"])
    if fit is not None and fit.remote:
        return 1.0, km
    if Reach.TERRITORY in (need["reach"], offer["reach"]):
        return (1.0 if need["pole_id"] == offer["pole_id"] else 0.0), None
    if km is None:
        return weights.unknown_distance, None
    radius = max(1.0, float(need["radius_km"] or 1))
    if fit is not None and fit.travels_km:
        if km <= fit.travels_km:
            return 1.0, km
        radius = max(radius, fit.travels_km)
    return 1.0 / (1.0 + (km / radius) ** 2), km


def territory_fit(need: Mapping, offer: Mapping) -> float:
    """Half for the same pole, half for the same intercommunality (EPCI)."""
    same_pole = 0.5 if need["pole_id"] == offer["pole_id"] else 0.0
    same_epci = 0.5 if need["epci_code"] and need["epci_code"] == offer["epci_code"] else 0.0
    return same_pole + same_epci


def availability_fit(need: Mapping, offer: Mapping, today: datetime.date) -> float:
    """1 when the offer covers the need's dates (an ongoing offer covers everything), 0.6 when
    it covers part of them, 0 when they do not meet or the offer is over."""
    if offer["ends_on"] and offer["ends_on"] < today:
        return 0.0
    need_start, need_end = need["starts_on"] or datetime.date.min, need["ends_on"] or datetime.date.max
    offer_start, offer_end = offer["starts_on"] or datetime.date.min, offer["ends_on"] or datetime.date.max
    if max(need_start, offer_start) > min(need_end, offer_end):
        return 0.0
    covers = offer_start <= max(need_start, today) and offer_end >= need_end
    return 1.0 if covers else 0.6


def freshness_fit(updated_at: datetime.datetime, now: datetime.datetime, weights: Weights = WEIGHTS) -> float:
    age_days = max(0.0, (now - updated_at).total_seconds() / 86400)
    return 0.5 ** (age_days / weights.freshness_half_life_days)


def idf(documents: int, frequency: int) -> float:
    """BM25's inverse document frequency (always positive)."""
    return math.log(1 + (documents - frequency + 0.5) / (frequency + 0.5))


def bm25_term(weight: int, doc_length: int, average_length: float, weights: Weights = WEIGHTS) -> float:
    k1, b = weights.bm25_k1, weights.bm25_b
    return weight * (k1 + 1) / (weight + k1 * (1 - b + b * doc_length / max(average_length, 1.0)))


def text_fit(bm25: float, ideal: float, weights: Weights = WEIGHTS) -> float:
    if ideal <= 0:
        return 0.0
    return min(1.0, bm25 / (weights.text_saturation * ideal))


def semantic_fit(cosine: float | None, weights: Weights = WEIGHTS, hub: float = 0.0) -> float:
    """0 below the floor (or without vectors), 1 from `semantic_full` up, linear between; the
    cosine less `hub_penalty` × the offer's hubness."""
    if cosine is None:
        return 0.0
    span = max(1e-6, weights.semantic_full - weights.semantic_floor)
    return min(1.0, max(0.0, (cosine - weights.hub_penalty * hub - weights.semantic_floor) / span))


@dataclass
class Scored:
    """One candidate with its components; reasons are written only for the ones shown."""

    pk: int
    score: float
    components: dict[str, float]
    km: float | None = None
    row: Mapping[str, Any] = field(default_factory=dict)
    fit: Fit = field(default_factory=Fit)

    @property
    def feasible(self) -> bool:
        return not self.fit.misfits

    @property
    def rank_key(self) -> tuple:
        """Every pair that can serve before every pair that cannot, then by score."""
        return (not self.feasible, -self.score, self.pk)


class PairMemo:
    """The part of a pair's scoring that depends on the candidate's answers, place, category and
    dates only (the fit of constraints.assess, the distance, and the category, nature,
    territory, availability and schedule components), computed once per distinct value of
    these for one query: most of a query's candidates share their answers (often only
    « {"departement": "42"} ») and their commune with others, and these were most of the time of
    scoring a pair. The same values as computing them for each pair; one memo per query (its
    side of the pair and the day are fixed). A candidate without `facts_key` (the text of its
    facts, engine._convert) is not memoised."""

    __slots__ = ("parts",)

    def __init__(self) -> None:
        self.parts: dict[tuple, tuple] = {}

    def get(
        self, need: Mapping, offer: Mapping, candidate: Mapping, today: datetime.date, weights: Weights
    ) -> tuple[Fit, float | None, tuple[float, ...]]:
        facts_key = candidate.get("facts_key")
        if facts_key is None:
            return _pair_parts(need, offer, today, weights)
        # Everything _pair_parts() reads of the candidate (the query's side is fixed).
        key = (
            facts_key,
            candidate["category"],
            candidate["epci_code"],
            candidate["radius_km"],
            candidate["latitude"],
            candidate["longitude"],
            candidate["reach"],
            candidate["pole_id"],
            candidate["starts_on"],
            candidate["ends_on"],
        )
        parts = self.parts.get(key)
        if parts is None:
            parts = self.parts[key] = _pair_parts(need, offer, today, weights)
        return parts


def _pair_parts(
    need: Mapping, offer: Mapping, today: datetime.date, weights: Weights
) -> tuple[Fit, float | None, tuple[float, ...]]:
    """(fit, km, (category, kind, distance, territory, availability, schedule))."""
    fit = assess(need, offer)
    distance, km = distance_fit(need, offer, weights, fit)
    return (
        fit,
        km,
        (
            category_fit(need["category"], offer["category"], weights),
            fit.kind,
            distance,
            territory_fit(need, offer),
            availability_fit(need, offer, today),
            fit.schedule,
        ),
    )


def score_pair(
    need: Mapping,
    offer: Mapping,
    *,
    candidate: Mapping,
    bm25: float,
    ideal: float,
    history: bool,
    today: datetime.date,
    now: datetime.datetime,
    cosine: float | None = None,
    hub: float = 0.0,
    weights: Weights = WEIGHTS,
    memo: PairMemo | None = None,
) -> Scored:
    """Score a need against an offer; `candidate` is whichever of the two is being suggested.
    The pairs of one query may share a `memo` (PairMemo): the same result, faster."""
    if memo is None:
        fit, km, parts = _pair_parts(need, offer, today, weights)
    else:
        fit, km, parts = memo.get(need, offer, candidate, today, weights)
    category, kind, distance, territory, availability, schedule = parts
    components = {
        "text": text_fit(bm25, ideal, weights),
        "semantic": semantic_fit(cosine, weights, hub),
        "category": category,
        "kind": kind,
        "distance": distance,
        "territory": territory,
        "availability": availability,
        "schedule": schedule,
        "freshness": freshness_fit(candidate["updated_at"], now, weights),
        "history": 1.0 if history else 0.0,
    }
    # combine() inlined (every name is there): this runs for each of a query's candidates.
    score = sum([weight * components[name] for name, weight in weights.pairs])
    # The raw cosine and the hubness too (not weighted components): the fit (fitting.py) tunes
    # the floor and the hub penalty.
    components["cosine"] = -1.0 if cosine is None else cosine
    components["hub"] = hub
    return Scored(candidate["pk"], round(score, 4), components, km, candidate, fit)


def with_cosine(scored: Scored, cosine: float | None, weights: Weights = WEIGHTS, hub: float = 0.0) -> Scored:
    """The same pair with its meaning scored: only the semantic component changes, so the rest
    is not recomputed (the score is what score_pair would give with this cosine). A new Scored
    built directly: dataclasses.replace() costs more than the rest on a query's candidates."""
    components = dict(scored.components)
    components["semantic"] = semantic_fit(cosine, weights, hub)
    components["cosine"] = -1.0 if cosine is None else cosine
    components["hub"] = hub
    return Scored(scored.pk, round(combine(components, weights), 4), components, scored.km, scored.row, scored.fit)


def combine(components: Mapping[str, float], weights: Weights = WEIGHTS) -> float:
    return sum([weight * components.get(name, 0.0) for name, weight in weights.pairs])


def reasons_for(scored: Scored, need: Mapping, offer: Mapping, shared_words: list[str]) -> list[str]:
    """Short French phrases that explain a suggestion: first what rules it out (if anything),
    then the strongest signals."""
    c = scored.components
    reasons = [*scored.fit.misfits]
    if c["category"] == 1.0:
        reasons.append(_("même catégorie"))
    elif c["category"] > 0 and need["category"] != Category.OTHER and offer["category"] != Category.OTHER:
        reasons.append(_("catégorie proche"))
    reasons.extend(scored.fit.notes)
    if shared_words:
        reasons.append(_("mots en commun : %(words)s") % {"words": ", ".join(shared_words)})
    elif c.get("semantic", 0) >= 0.5:
        reasons.append(_("décrit la même chose en d’autres mots"))
    reasons.extend(scored.fit.warnings)
    if not scored.fit.remote and scored.km is not None and c["distance"] >= 0.2:
        if scored.km < 0.5:
            reasons.append(_("dans la même commune"))
        else:
            reasons.append(_("à %(km)s km") % {"km": number_format(scored.km, 1)})
    elif not scored.fit.remote and Reach.TERRITORY in (need["reach"], offer["reach"]) and c["distance"] == 1.0:
        reasons.append(_("sur tout le territoire du pôle"))
    if need["epci_code"] and need["epci_code"] == offer["epci_code"]:
        reasons.append(_("même intercommunalité"))
    if c["availability"] == 1.0 and (need["starts_on"] or need["ends_on"]):
        reasons.append(_("disponible aux mêmes dates"))
    elif 0 < c["availability"] < 1:
        reasons.append(_("disponible en partie aux mêmes dates"))
    if c["history"]:
        reasons.append(_("déjà partenaire de projets similaires"))
    return reasons
