"""How well an offer answers a need: each component is a number in 0–1, the score is their
weighted sum (weights in WEIGHTS, fitted on the evaluation set: fitted_weights.json, written by
`manage.py matching_fit`, documented in docs/matching.md), and the reasons say why in short
French phrases. A pair with a hard misfit (constraints.py) ranks after every pair without one."""

import dataclasses
import datetime
import json
import math
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
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
# A pair's components as Scored keeps them: the weighted ones, then the raw cosine and hubness.
_COMPONENT_KEYS = (*COMPONENTS, "cosine", "hub")
_SEMANTIC, _COSINE = _COMPONENT_KEYS.index("semantic"), _COMPONENT_KEYS.index("cosine")


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

    @cached_property
    def indexed_pairs(self) -> tuple[tuple[int, float], ...]:
        """pairs, each component by its place in _COMPONENT_KEYS (score_rows' values)."""
        return tuple((_COMPONENT_KEYS.index(name), weight) for name, weight in self.pairs)


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


class Scored:
    """One candidate with its components; reasons are written only for the ones shown.

    A query's candidates are scored by score_rows(), which keeps each one's component values and
    raw index row and makes the `components` dict and the `row` mapping on first read: most
    candidates are ranked and never shown, and building those for each cost more than the score."""

    __slots__ = ("pk", "score", "km", "fit", "_components", "_values", "_row", "_raw", "_make_row")

    def __init__(
        self,
        pk: int,
        score: float,
        components: dict[str, float] | None = None,
        km: float | None = None,
        row: Mapping[str, Any] | None = None,
        fit: Fit | None = None,
    ) -> None:
        self.pk = pk
        self.score = score
        self.km = km
        self.fit = Fit() if fit is None else fit
        self._components = {} if components is None else components
        self._values: tuple[float, ...] | None = None
        self._row = {} if row is None else row
        self._raw: tuple | None = None
        self._make_row: Callable[[tuple], Mapping[str, Any]] | None = None

    @property
    def components(self) -> dict[str, float]:
        if self._components is None:
            self._components = dict(zip(_COMPONENT_KEYS, self._values, strict=True))  # type: ignore[arg-type]
        return self._components

    @property
    def row(self) -> Mapping[str, Any]:
        if self._row is None:
            self._row = self._make_row(self._raw)  # type: ignore[misc]
        return self._row  # type: ignore[return-value]

    def __repr__(self) -> str:
        return f"Scored(pk={self.pk!r}, score={self.score!r}, km={self.km!r}, misfits={self.fit.misfits!r})"

    @property
    def feasible(self) -> bool:
        return not self.fit.misfits

    @property
    def rank_key(self) -> tuple:
        """Every pair that can serve before every pair that cannot, then by score."""
        return (bool(self.fit.misfits), -self.score, self.pk)

    def without_meaning(self) -> bool:
        """Scored with no cosine and no semantic component: with_cosine(self, None) gives the same."""
        if self._components is None:
            values = self._values
            return values[_COSINE] == -1.0 and values[_SEMANTIC] == 0.0  # type: ignore[index]
        return self._components.get("cosine") == -1.0 and self._components.get("semantic") == 0.0


def _lazy_scored(
    pk: int,
    score: float,
    km: float | None,
    fit: Fit,
    values: tuple[float, ...],
    row: Mapping[str, Any] | None,
    raw: tuple,
    make_row: Callable[[tuple], Mapping[str, Any]],
) -> Scored:
    """A Scored whose components are made from `values` (in _COMPONENT_KEYS' order) and whose
    row is made from `raw` (unless given) when first read."""
    scored = Scored.__new__(Scored)
    scored.pk, scored.score, scored.km, scored.fit = pk, score, km, fit
    scored._components, scored._values = None, values
    scored._row, scored._raw, scored._make_row = row, raw, make_row
    return scored


class PairMemo:
    """The part of a pair's scoring that depends on the candidate's answers, place, category and
    dates only (the fit of constraints.assess, the distance, and the category, nature,
    territory, availability and schedule components), computed once per distinct value of
    these for one query: most of a query's candidates share their answers (often only
    « {"departement": "42"} ») and their commune with others, and these were most of the time of
    scoring a pair. The same values as computing them for each pair; one memo per query (its
    side of the pair and the day are fixed). A candidate without `facts_key` (the text of its
    facts, engine._convert) is not memoised. Within it, the fit, the distance and the rest are
    each remembered by what they read of the candidate (_compute): a query's candidates have
    more distinct (answers, place, dates) than answers or places (285 candidates of a need: 118,
    against 42 fits and 44 distances)."""

    __slots__ = ("parts", "fits", "places", "rests")

    def __init__(self) -> None:
        self.parts: dict[tuple, tuple] = {}
        self.fits: dict[tuple, Fit] = {}
        self.places: dict[tuple, tuple[float, float | None]] = {}
        self.rests: dict[tuple, tuple[float, float, float]] = {}

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
            parts = self.parts[key] = self.compute(need, offer, candidate, today, weights)
        return parts

    def compute(
        self, need: Mapping, offer: Mapping, candidate: Mapping, today: datetime.date, weights: Weights
    ) -> tuple[Fit, float | None, tuple[float, ...]]:
        """_pair_parts(need, offer, today, weights), its fit, distance and other parts remembered
        apart (by what each reads of the candidate)."""
        c = candidate
        return self._compute(
            (c["facts_key"], c["category"], c["epci_code"], c["radius_km"]),
            (c["radius_km"], c["latitude"], c["longitude"], c["reach"], c["pole_id"]),
            (c["category"], c["epci_code"], c["pole_id"], c["starts_on"], c["ends_on"]),
            lambda: (need, offer),
            today,
            weights,
        )

    def _compute(
        self,
        fit_key: tuple,
        place_key: tuple,
        rest_key: tuple,
        pair: Callable[[], tuple[Mapping, Mapping]],
        today: datetime.date,
        weights: Weights,
    ) -> tuple[Fit, float | None, tuple[float, ...]]:
        """The parts from the fit (constraints.assess reads the candidate's answers, category,
        EPCI and radius), the distance (its place, radius and reach, and the fit's remote and
        travel) and the rest (category, territory and dates), each remembered by its key;
        `pair()` gives (need, offer) when one must be computed."""
        fit = self.fits.get(fit_key)
        if fit is None:
            fit = self.fits[fit_key] = assess(*pair())
        place_key = (*place_key, fit.remote, fit.travels_km)
        place = self.places.get(place_key)
        if place is None:
            need, offer = pair()
            place = self.places[place_key] = distance_fit(need, offer, weights, fit)
        rest = self.rests.get(rest_key)
        if rest is None:
            need, offer = pair()
            rest = self.rests[rest_key] = (
                category_fit(need["category"], offer["category"], weights),
                territory_fit(need, offer),
                availability_fit(need, offer, today),
            )
        distance, km = place
        category, territory, availability = rest
        return fit, km, (category, fit.kind, distance, territory, availability, fit.schedule)


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


# What score_rows() reads of a candidate's raw index row, in this order (other columns may follow).
RAW_FIELDS = (
    "pk facts category epci_code radius_km latitude longitude reach pole_id starts_on ends_on updated_at".split()
)


def score_rows(
    query: Mapping,
    raws: Iterable[tuple],
    *,
    query_is_need: bool,
    make_row: Callable[[tuple], Mapping[str, Any]],
    bm25: Mapping[int, float],
    ideal: float,
    today: datetime.date,
    now: datetime.datetime,
    memo: PairMemo,
    weights: Weights = WEIGHTS,
) -> list[Scored]:
    """score_pair() of each candidate of a query, without meaning or history (added later to
    the few that can use them), from its raw index row (RAW_FIELDS first: the text of its facts,
    its updated_at naive in UTC or aware); make_row(raw) gives the mapping score_pair reads (the
    facts parsed, facts_key their text). The same Scored as score_pair's with `memo`
    (test_scoring), the memo's keys read from the tuple, without a dict of components, a row
    mapping and six calls for each candidate: most are ranked and never shown. The score is the
    same sum, term for term, as score_pair's."""
    pairs = weights.indexed_pairs
    parts_of = memo.parts
    naive_now = now.astimezone(datetime.UTC).replace(tzinfo=None)
    scored = []
    for raw in raws:
        row = None
        key = raw[1:11]  # PairMemo.get's key
        parts = parts_of.get(key)
        if parts is None:
            made: list[Mapping[str, Any]] = []

            def pair(raw: tuple = raw, made: list = made) -> tuple[Mapping, Mapping]:
                # The candidate's mapping, made only if a part must be computed.
                if not made:
                    made.append(make_row(raw))
                return (query, made[0]) if query_is_need else (made[0], query)

            parts = parts_of[key] = memo._compute(
                raw[1:5], raw[4:9], (raw[2], raw[3], raw[8], raw[9], raw[10]), pair, today, weights
            )
            row = made[0] if made else None
        fit, km, (category, kind, distance, territory, availability, schedule) = parts
        updated_at = raw[11]
        if isinstance(updated_at, str):
            updated_at = datetime.datetime.fromisoformat(updated_at)
        values = (
            text_fit(bm25.get(raw[0], 0.0), ideal, weights),
            0.0,  # semantic_fit(None)
            category,
            kind,
            distance,
            territory,
            availability,
            schedule,
            freshness_fit(updated_at, naive_now if updated_at.tzinfo is None else now, weights),
            0.0,  # no history
            -1.0,  # no cosine
            0.0,  # no hubness
        )
        score = round(sum([weight * values[i] for i, weight in pairs]), 4)
        scored.append(_lazy_scored(raw[0], score, km, fit, values, row, raw, make_row))
    return scored


def with_cosine(scored: Scored, cosine: float | None, weights: Weights = WEIGHTS, hub: float = 0.0) -> Scored:
    """The same pair with its meaning scored: only the semantic component changes, so the rest
    is not recomputed (the score is what score_pair would give with this cosine). A new Scored
    built directly: dataclasses.replace() costs more than the rest on a query's candidates."""
    semantic, raw_cosine = semantic_fit(cosine, weights, hub), -1.0 if cosine is None else cosine
    if scored._components is None:  # still values (score_rows): they stay so
        values = scored._values
        values = (values[0], semantic, *values[2:_COSINE], raw_cosine, hub)  # type: ignore[index]
        score = round(sum([weight * values[i] for i, weight in weights.indexed_pairs]), 4)
        return _lazy_scored(scored.pk, score, scored.km, scored.fit, values, scored._row, scored._raw, scored._make_row)  # type: ignore[arg-type]
    components = dict(scored.components)
    components["semantic"] = semantic
    components["cosine"] = raw_cosine
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
