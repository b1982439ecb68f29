"""The matching API: the best offers for a need (`suggest_partners`) and the best needs for an
offer (`suggest_needs`), each with a score in 0–1 and the reasons in French.

Candidates come from SQL on the index (BM25 summed over the query's terms, plus the most recent
rows of the same or a related category), a few thousand at most; they are then scored exactly in
Python (scoring.py). A handful of queries whatever the size of the pole.
"""

import datetime
import json
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db import connection
from django.db.models import Model, Q
from django.utils import timezone

from peps.core.sql import column, fetch_rows, joined_instances, joined_select
from peps.directory.models import Structure
from peps.partnerships.matching_adapter import relevance_label
from peps.partnerships.models import Need, Offer, Partnership, PartnershipStatus, Reach
from peps.poles.models import Membership, MembershipStatus, Pole
from peps.projects.models import Project

from . import embeddings
from .indexing import FACT_FIELDS, NEEDS, OFFERS, Side, facts_of
from .scoring import (
    RAW_FIELDS,
    WEIGHTS,
    PairMemo,
    Scored,
    Weights,
    bounding_box,
    idf,
    reasons_for,
    related_categories,
    score_pair,
    score_rows,
    with_cosine,
)
from .text import surface_words, term_weights

# A partner "already partner of similar projects" has one of these on a project of the same domain.
PARTNERED = (PartnershipStatus.ACCEPTED, PartnershipStatus.ACTIVE, PartnershipStatus.COMPLETED)
# At most this many query terms go to SQL (the rarest, i.e. the most telling, are kept).
MAX_QUERY_TERMS = 32

# A candidate's index row as read (engine._candidate_rows): what scoring.score_rows reads, then
# its owners.
_PROFILE_FIELDS = [*RAW_FIELDS, "owner_structure_id", "owner_person_id"]
_OWNERS = (_PROFILE_FIELDS.index("owner_structure_id"), _PROFILE_FIELDS.index("owner_person_id"))


@dataclass(frozen=True)
class Own:
    """Owners whose rows are never suggested: the query's own structure(s) and person."""

    structures: frozenset = frozenset()
    people: frozenset = frozenset()


@dataclass
class Suggestion:
    """One suggested offer (for a need) or need (for an offer)."""

    score: float
    reasons: list[str]
    offer: Offer | None = None
    need: Need | None = None
    distance_km: float | None = None
    components: dict[str, float] = field(default_factory=dict)
    # Why it cannot serve as it is (too small, not eligible, not available then): shown first.
    misfits: list[str] = field(default_factory=list)

    @property
    def relevance(self) -> str:
        """The score in words, as shown to people: « très pertinent », « pertinent », « à explorer »."""
        return relevance_label(self.score, feasible=not self.misfits)


def suggest_partners(need: Need, *, limit: int = 10, neighbour_poles: bool = False) -> list[Suggestion]:
    """The offers that best answer `need`, best first.

    Open offers of the need's pole (plus, with `neighbour_poles`, offers of other poles within
    three times the need's radius), minus those of the project's own holder, of inactive
    structures and of owners who left the pole.
    """
    profile = need_profile(need)
    own = Own(
        structures=frozenset({need.structure_id, profile["holder_structure_id"]} - {None}),
        people=frozenset({profile["holder_id"]} - {None}),
    )
    return _suggest(
        query=profile,
        target=OFFERS,
        text=(need.title, need.description),
        exclude=own,
        limit=limit,
        neighbour_poles=neighbour_poles,
        pole=None if neighbour_poles else _loaded_pole(need),
    )


def suggest_needs(offer: Offer, *, limit: int = 10, neighbour_poles: bool = False) -> list[Suggestion]:
    """The open needs that `offer` could serve, best first (same exclusions as suggest_partners)."""
    profile = _offer_profile(offer)
    own = Own(structures=frozenset({offer.structure_id} - {None}), people=frozenset({offer.person_id} - {None}))
    return _suggest(
        query=profile,
        target=NEEDS,
        text=(offer.title, offer.description),
        exclude=own,
        limit=limit,
        neighbour_poles=neighbour_poles,
        pole=None if neighbour_poles else _loaded_pole(offer),
    )


def _loaded_pole(row: Need | Offer) -> Pole | None:
    """The query row's pole if it is loaded already, whole: the suggested rows of that pole share
    it rather than each join it."""
    pole = row.pole if type(row).pole.is_cached(row) else None
    return pole if pole is not None and not pole.get_deferred_fields() else None


def _place(row: Need | Offer) -> tuple[float | None, float | None, str, str | None]:
    commune = row.commune if row.commune_id else None
    if commune is None:
        return None, None, "", None
    return commune.latitude, commune.longitude, commune.epci_id or "", commune.departement_id


def _base_profile(row: Need | Offer) -> dict[str, Any]:
    latitude, longitude, epci, departement = _place(row)
    return {
        "facts": facts_of(
            {name: getattr(row, name) for name in (*FACT_FIELDS, "category", "title", "description")}, departement
        ),
        "pk": row.pk,
        "pole_id": row.pole_id,
        "category": row.category,
        "reach": row.reach,
        "radius_km": row.radius_km,
        "latitude": latitude,
        "longitude": longitude,
        "epci_code": epci,
        "starts_on": row.starts_on,
        "ends_on": row.ends_on,
        "updated_at": row.updated_at or timezone.now(),
    }


def need_profile(need: Need) -> dict[str, Any]:
    profile = _base_profile(need)
    project = need.project if need.project_id else None
    profile.update(
        project_id=need.project_id,
        domain=project.domain if project else "",
        holder_structure_id=project.holder_structure_id if project else None,
        holder_id=project.holder_id if project else None,
    )
    return profile


def _offer_profile(offer: Offer) -> dict[str, Any]:
    profile = _base_profile(offer)
    profile.update(owner_structure_id=offer.structure_id, owner_person_id=offer.person_id)
    return profile


def _suggest(
    *,
    query: dict[str, Any],
    target: Side,
    text: tuple[str, str],
    exclude: "Own",
    limit: int,
    neighbour_poles: bool,
    pole: Pole | None = None,
    weights: Weights = WEIGHTS,
) -> list[Suggestion]:
    query_terms = term_weights(*text)
    coefficients, average_length = _term_coefficients(target, query["pole_id"], query_terms)
    ideal = sum(coefficients.values())
    bm25 = _bm25_candidates(target, query, coefficients, average_length, neighbour_poles, weights)
    candidate_ids = set(bm25) | _category_candidates(target, query, neighbour_poles, weights)
    raws, make_row = _candidate_rows(target, candidate_ids, exclude)
    now = timezone.now()
    today = timezone.localdate()
    memo = PairMemo()
    scored = score_rows(
        query,
        raws,
        query_is_need=target is OFFERS,
        make_row=make_row,
        bm25=bm25,
        ideal=ideal,
        today=today,
        now=now,
        memo=memo,
    )
    count = max(limit, 1) * weights.history_pool
    vector = _query_vector(target, query, text)
    reference = _hub_reference(target, query, vector, weights)

    scored, meaning, bound = _with_meaning(target, vector, scored, count, weights, reference)
    pool = _first_eligible(target, scored, count)
    if bound is not None and (len(pool) < count or pool[-1].rank_key > bound):
        # Exclusions reached into candidates whose meaning was not scored: score them all (rare).
        scored, meaning, bound = _with_meaning(target, vector, scored, len(scored), weights, reference)
        pool = _first_eligible(target, scored, count)
    partnered = _partnered(target, query, pool)
    if partnered:
        pool = [
            _score(
                target,
                query,
                s.row,
                bm25.get(s.pk, 0.0),
                ideal,
                s.pk in partnered,
                today,
                now,
                *meaning.get(s.pk, NO_MEANING),
                memo=memo,
            )
            for s in pool
        ]
        pool.sort(key=lambda s: s.rank_key)
    return _suggestions(target, query, text, pool[:limit], pole)


# Candidates whose meaning is scored at a time, best first (see _with_meaning).
MEANING_CHUNK = 100


def _query_vector(target: Side, query: Mapping, text: tuple[str, str]):
    """The query row's sentence embedding: its stored vector (the cache), or None."""
    query_side = NEEDS if target is OFFERS else OFFERS
    return embeddings.query_vector(query_side, query.get("pk"), *text)


# (cosine, hubness) of a candidate without a vector.
NO_MEANING: tuple[float | None, float] = (None, 0.0)


def _hub_reference(target: Side, query: Mapping, vector, weights: Weights = WEIGHTS):
    """The needs of the query's pole against which an offer's hubness is measured (offers
    suggested for a need only: the penalty was fitted on that side), or None."""
    if target is not OFFERS or vector is None or not weights.hub_penalty:
        return None
    return embeddings.reference_matrix(NEEDS, query["pole_id"])


def _with_meaning(
    target: Side, vector, scored: list[Scored], keep: int, weights: Weights = WEIGHTS, reference=None
) -> tuple[list[Scored], dict[int, tuple[float | None, float]], tuple | None]:
    """Add the embeddings' component to the candidates that can still reach the best `keep`,
    best first, MEANING_CHUNK at a time; stop when the best candidate left, even with a full
    semantic score, would rank after the `keep`-th scored one (the result is the same as scoring
    them all: exact pruning; penalised by hubness or not, the semantic component is at most 1).
    Returns the candidates ranked (those left keep their score without meaning, below the bar),
    the (cosine, hubness) computed, and the best rank a candidate left could still reach (None
    if none is left)."""
    ranked = sorted(scored, key=lambda s: s.rank_key)
    if vector is None:
        return ranked, {}, None
    done: list[Scored] = []
    meaning: dict[int, tuple[float | None, float]] = {}
    rest = ranked
    while rest:
        chunk, rest = rest[:MEANING_CHUNK], rest[MEANING_CHUNK:]
        keys, matrix = embeddings.matrix_of(target, [s.pk for s in chunk])
        if keys:
            hubs = embeddings.hubness(matrix, reference).tolist()
            meaning.update(zip(keys, zip((matrix @ vector).tolist(), hubs, strict=True), strict=True))
        for s in chunk:
            cosine, hub = meaning.get(s.pk, NO_MEANING)
            # A pair scored without meaning that still has none keeps its Scored: with_cosine
            # would build the same (most rows have no vector yet on a freshly loaded pole).
            unchanged = cosine is None and s.without_meaning()
            done.append(s if unchanged else with_cosine(s, cosine, weights, hub))
        if rest and len(done) >= keep:
            done.sort(key=lambda s: s.rank_key)
            best_left = rest[0]  # the best rank key left, so the best bound
            bound = (not best_left.feasible, -(best_left.score + weights.semantic), best_left.pk)
            if bound > done[keep - 1].rank_key:
                done.extend(rest)
                return sorted(done, key=lambda s: s.rank_key), meaning, bound
    return sorted(done, key=lambda s: s.rank_key), meaning, None


def _meaning(
    target: Side, query: Mapping, text: tuple[str, str], ids: list[int], weights: Weights = WEIGHTS
) -> dict[int, tuple[float | None, float]]:
    """(cosine, hubness) of each candidate: the cosine of the query's sentence embedding (stored
    when it was saved: its cache) with the candidate's, and the candidate's hubness; candidates
    whose embedding is not computed yet are absent."""
    query_side = NEEDS if target is OFFERS else OFFERS
    vector = embeddings.query_vector(query_side, query.get("pk"), *text)
    if vector is None or not ids:
        return {}
    keys, matrix = embeddings.matrix_of(target, ids)
    if not keys:
        return {}
    # Measured even when the weights do not use it (hub_penalty 0): the fit tunes the penalty.
    reference = embeddings.reference_matrix(NEEDS, query["pole_id"]) if target is OFFERS else None
    hubs = embeddings.hubness(matrix, reference).tolist()
    return dict(zip(keys, zip((matrix @ vector).tolist(), hubs, strict=True), strict=True))


def score_candidates(need: Need) -> list[Scored]:
    """Every candidate offer of `need` with its components, live exclusions and history left
    out: what the weights are fitted on (evaluation.py)."""
    profile = need_profile(need)
    own = Own(
        structures=frozenset({need.structure_id, profile["holder_structure_id"]} - {None}),
        people=frozenset({profile["holder_id"]} - {None}),
    )
    text = (need.title, need.description)
    query_terms = term_weights(*text)
    coefficients, average_length = _term_coefficients(OFFERS, profile["pole_id"], query_terms)
    ideal = sum(coefficients.values())
    bm25 = _bm25_candidates(OFFERS, profile, coefficients, average_length, False, WEIGHTS)
    raws, make_row = _candidate_rows(OFFERS, set(bm25) | _category_candidates(OFFERS, profile, False, WEIGHTS), own)
    rows = [make_row(raw) for raw in raws]
    meaning = _meaning(OFFERS, profile, text, [row["pk"] for row in rows])
    now, today = timezone.now(), timezone.localdate()
    memo = PairMemo()
    return [
        _score(
            OFFERS,
            profile,
            row,
            bm25.get(row["pk"], 0.0),
            ideal,
            False,
            today,
            now,
            *meaning.get(row["pk"], NO_MEANING),
            memo=memo,
        )
        for row in rows
    ]


def _term_coefficients(target: Side, pole_id: int, query_terms: Mapping[str, int]) -> tuple[dict[str, float], float]:
    """idf × query weight for each query term (IDF over the target side of the pole), and the
    average document length; the rarest MAX_QUERY_TERMS terms only."""
    # Plain SQL, as for every query of a suggestion: the ORM took longer to build these small
    # queries than the database to run them. Quoted identifiers and placeholders only.
    docs, terms, q = _table(target.doc), _table(target.term), connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*), AVG({q('length')}) FROM {docs} WHERE {q('pole_id')} = %s", [pole_id])  # noqa: S608
        count, average = cursor.fetchone()
        documents, average_length = count or 0, float(average or 1.0)
        if not query_terms:
            return {}, average_length
        in_list = ", ".join(["%s"] * len(query_terms))
        cursor.execute(
            f"SELECT {q('term')}, COUNT(*) FROM {terms} WHERE {q('pole_id')} = %s AND {q('term')} IN ({in_list}) "  # noqa: S608
            f"GROUP BY {q('term')}",
            [pole_id, *query_terms],
        )
        frequencies = dict(cursor.fetchall())
    coefficients = {term: idf(documents, frequencies.get(term, 0)) * weight for term, weight in query_terms.items()}
    kept = sorted(coefficients, key=lambda t: (frequencies.get(t, 0), t))[:MAX_QUERY_TERMS]
    return {term: coefficients[term] for term in kept}, average_length


def _bm25_candidates(
    target: Side,
    query: Mapping,
    coefficients: dict[str, float],
    average_length: float,
    neighbour_poles: bool,
    weights: Weights,
) -> dict[int, float]:
    """{row id: BM25} of the best rows sharing at least one term with the query, in SQL."""
    matched = {t: c for t, c in coefficients.items() if c > 0}
    if not matched:
        return {}
    table = connection.ops.quote_name(target.term._meta.db_table)
    column = connection.ops.quote_name(f"{target.fk}_id")
    k1, b = weights.bm25_k1, weights.bm25_b
    cases = " ".join("WHEN %s THEN %s" for _ in matched)
    case_params: list[Any] = [x for term, coefficient in matched.items() for x in (term, float(coefficient))]
    in_list = ", ".join("%s" for _ in matched)
    score_sql = (
        f"SUM((CASE term {cases} ELSE 0.0 END) * weight * %s / (weight + %s * (1.0 - %s + %s * doc_length / %s)))"
    )
    score_params = [*case_params, k1 + 1, k1, b, b, max(average_length, 1.0)]
    results: dict[int, float] = {}
    searches: list[tuple[list[str], list[Any]]] = [(["pole_id = %s"], [query["pole_id"]])]
    if neighbour_poles and query["latitude"] is not None and query["reach"] == Reach.AROUND:
        box = bounding_box(query["latitude"], query["longitude"], 3 * max(1, query["radius_km"] or 1))
        searches.append(
            (
                ["pole_id <> %s", "latitude BETWEEN %s AND %s", "longitude BETWEEN %s AND %s"],
                [query["pole_id"], *box],
            )
        )
    with connection.cursor() as cursor:
        for conditions, params in searches:
            # Only quoted identifiers and "%s" placeholders are interpolated; every value is a parameter.
            restrict = " AND ".join(conditions)
            sql = f"SELECT {column}, {score_sql} AS s FROM {table} WHERE term IN ({in_list}) AND {restrict} "  # noqa: S608
            sql += f"GROUP BY {column} ORDER BY s DESC, {column} LIMIT %s"
            cursor.execute(sql, [*score_params, *matched, *params, weights.text_candidates])
            results.update({pk: float(score) for pk, score in cursor.fetchall()})
    return results


def _category_candidates(target: Side, query: Mapping, neighbour_poles: bool, weights: Weights) -> set[int]:
    """Rows of the same (first) or a related category, even without a word in common: the nearest
    first (a row for the whole territory counts as on the spot), else the most recent."""
    categories = [query["category"], *sorted(related_categories(query["category"]))]
    q = connection.ops.quote_name
    key, category = q(f"{target.fk}_id"), q("category")
    params: list[Any] = [*categories, query["pole_id"], query["category"]]
    order = [f"CASE WHEN {category} = %s THEN 0 ELSE 1 END"]
    if query["latitude"] is not None:
        # Squared distance in degrees, longitude shrunk by cos(latitude): enough to order by.
        lat, lon, shrink = query["latitude"], query["longitude"], math.cos(math.radians(query["latitude"]))
        dlat, dlon = f"(COALESCE({q('latitude')}, %s) - %s)", f"((COALESCE({q('longitude')}, %s) - %s) * %s)"
        order.append(f"(({dlat} * {dlat}) + ({dlon} * {dlon}))")
        params += [lat, lat, lat, lat, lon, lon, shrink, lon, lon, shrink]
    order += [f"{q('updated_at')} DESC", key]
    in_list = ", ".join(["%s"] * len(categories))
    with connection.cursor() as cursor:
        # Plain SQL (the ORM took longer to build it than SQLite to run it); quoted identifiers
        # and placeholders only.
        cursor.execute(
            f"SELECT {key} FROM {_table(target.doc)} WHERE {category} IN ({in_list}) AND {q('pole_id')} = %s "  # noqa: S608
            f"ORDER BY {', '.join(order)} LIMIT %s",
            [*params, weights.category_candidates],
        )
        ids = {pk for (pk,) in cursor.fetchall()}
    if neighbour_poles and query["latitude"] is not None and query["reach"] == Reach.AROUND:
        docs = target.doc.objects.filter(category__in=categories)
        lat_min, lat_max, lon_min, lon_max = bounding_box(
            query["latitude"], query["longitude"], 3 * max(1, query["radius_km"] or 1)
        )
        near = docs.exclude(pole_id=query["pole_id"]).filter(
            latitude__range=(lat_min, lat_max), longitude__range=(lon_min, lon_max)
        )
        ids |= set(near.order_by("-updated_at").values_list("pk", flat=True)[: weights.category_candidates])
    return ids


def _candidate_rows(
    target: Side, ids: set[int], exclude: "Own"
) -> tuple[list[tuple], Callable[[tuple], dict[str, Any]]]:
    """The index rows of `ids` (minus the query's own) as read, in _PROFILE_FIELDS' order, and
    the function that makes one a mapping of what the score needs (the few conversions raw SQL
    skips). Plain SQL: on a few thousand rows, the ORM's per-value preparation and converters
    cost more than the query itself; most rows are scored from the tuple alone
    (scoring.score_rows), and only those scored for their answers or shown become mappings."""
    fields = [*_PROFILE_FIELDS, *(["domain", "project_id"] if target is NEEDS else [])]
    parsed: dict[str | None, dict[str, Any]] = {}

    def make_row(raw: tuple) -> dict[str, Any]:
        row = dict(zip(fields, raw, strict=True))
        _convert(row, parsed)
        return row

    if not ids:
        return [], make_row
    q = connection.ops.quote_name
    # The facts as text whatever the database (PostgreSQL would decode its JSON for each row):
    # PairMemo keys on it and each distinct text is parsed once.
    columns = ", ".join(
        f"CAST({q('facts')} AS TEXT)" if f == "facts" else q(f"{target.fk}_id" if f == "pk" else f) for f in fields
    )
    placeholders = ", ".join(["%s"] * len(ids))
    with connection.cursor() as cursor:
        sql = f"SELECT {columns} FROM {_table(target.doc)} WHERE {q(f'{target.fk}_id')} IN ({placeholders})"  # noqa: S608
        cursor.execute(sql, list(ids))
        rows = cursor.fetchall()
    structure, person = _OWNERS
    structures, people = exclude.structures, exclude.people
    return [raw for raw in rows if raw[structure] not in structures and raw[person] not in people], make_row


def _convert(row: dict[str, Any], parsed: dict[str | None, dict[str, Any]]) -> None:
    """Raw SQL skips Django's converters: SQLite gives naive UTC datetimes (or text), the facts
    are read as text (`parsed`: the facts already parsed, by text; each row gets its own copy)."""
    facts = row["facts"]
    if facts not in parsed:
        parsed[facts] = json.loads(facts) if facts else {}
    row["facts"] = dict(parsed[facts])
    # The answers' text: scoring.PairMemo computes a fit once per distinct one.
    row["facts_key"] = facts or ""
    for name in ("starts_on", "ends_on"):
        if isinstance(row[name], str):
            row[name] = datetime.date.fromisoformat(row[name])
    updated_at = row["updated_at"]
    if isinstance(updated_at, str):
        updated_at = datetime.datetime.fromisoformat(updated_at)
    if updated_at.tzinfo is None:
        updated_at = updated_at.replace(tzinfo=datetime.UTC)
    row["updated_at"] = updated_at


def _first_eligible(target: Side, scored: list[Scored], count: int) -> list[Scored]:
    """The best `count` candidates that may be suggested: still open, owner structure active,
    owner not « left » the pole. Checked live, best first, on a few rows at a time: exclusions
    are rare, so one query on the best rows is nearly always enough."""
    # Plain SQL (what the ORM wrote for these filters, which took longer to build than to run);
    # quoted identifiers and placeholders only.
    q = connection.ops.quote_name
    key = f"d.{q(f'{target.fk}_id')}"
    left = f"SELECT 1 FROM {_table(Membership)} m WHERE m.{q('pole_id')} = d.{q('pole_id')} AND m.{q('status')} = %s"  # noqa: S608
    sql = (
        f"SELECT {key} FROM {_table(target.doc)} d "  # noqa: S608
        f"INNER JOIN {_table(target.model)} r ON {key} = r.{q('id')} "
        f"LEFT OUTER JOIN {_table(Structure)} s ON d.{q('owner_structure_id')} = s.{q('id')} "
        f"WHERE r.{q('is_open')} AND NOT (NOT s.{q('is_active')} AND s.{q('is_active')} IS NOT NULL) "
        f"AND NOT EXISTS({left} AND m.{q('structure_id')} = d.{q('owner_structure_id')}) "
        f"AND NOT EXISTS({left} AND m.{q('person_id')} = d.{q('owner_person_id')}) "
    )
    kept: list[Scored] = []
    start = 0
    with connection.cursor() as cursor:
        while len(kept) < count and start < len(scored):
            chunk = scored[start : start + 2 * count]
            start += len(chunk)
            in_list = ", ".join(["%s"] * len(chunk))
            cursor.execute(
                f"{sql}AND {key} IN ({in_list})",
                [MembershipStatus.LEFT.value, MembershipStatus.LEFT.value, *(s.pk for s in chunk)],
            )
            eligible = {pk for (pk,) in cursor.fetchall()}
            kept.extend(s for s in chunk if s.pk in eligible)
    return kept[:count]


def _table(model: type[Model]) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def _score(
    target: Side,
    query: Mapping,
    row: Mapping,
    bm25: float,
    ideal: float,
    history: bool,
    today: datetime.date,
    now: datetime.datetime,
    cosine: float | None = None,
    hub: float = 0.0,
    memo: PairMemo | None = None,
) -> Scored:
    need, offer = (query, row) if target is OFFERS else (row, query)
    return score_pair(
        need,
        offer,
        candidate=row,
        bm25=bm25,
        ideal=ideal,
        history=history,
        today=today,
        now=now,
        cosine=cosine,
        hub=hub,
        memo=memo,
    )


def _partnered(target: Side, query: Mapping, pool: list[Scored]) -> set[int]:
    """Ids of the pooled candidates whose partner already worked on projects of the same domain."""
    statuses = Q(status__in=PARTNERED)
    if target is OFFERS:
        if not query["domain"] or not pool:
            return set()
        structures = {s.row["owner_structure_id"] for s in pool} - {None}
        people = {s.row["owner_person_id"] for s in pool} - {None}
        found = _partnerships_in_domain(query["domain"], structures, people, query["project_id"])
        found_structures = {s for s, _p in found if s}
        found_people = {p for _s, p in found if p}
        return {
            s.pk
            for s in pool
            if s.row["owner_structure_id"] in found_structures or s.row["owner_person_id"] in found_people
        }
    owner = Q(pk__in=[])
    if query["owner_structure_id"]:
        owner |= Q(partner_structure_id=query["owner_structure_id"])
    if query["owner_person_id"]:
        owner |= Q(partner_person_id=query["owner_person_id"])
    domains = set(Partnership.objects.filter(statuses).filter(owner).values_list("project__domain", flat=True))
    if not domains:
        return set()
    # The projects' domains are read live: a project edited since its needs were indexed counts
    # with its new domain (the projects services do not re-index needs).
    live = dict(Project.objects.filter(pk__in={s.row["project_id"] for s in pool} - {None}).values_list("pk", "domain"))
    return {s.pk for s in pool if live.get(s.row["project_id"]) in domains}


def _partnerships_in_domain(domain: str, structures: set[int], people: set[int], project_id: int | None) -> list:
    """(partner structure, partner person) of the partnerships under way or done with these
    structures or people on projects of `domain`, other than `project_id`. Plain SQL, as the ORM
    wrote it (the ORM took longer to build it than SQLite to run it)."""
    if not structures and not people:
        return []
    q = connection.ops.quote_name
    partners = []
    if structures:
        partners.append(f"p.{q('partner_structure_id')} IN ({', '.join(['%s'] * len(structures))})")
    if people:
        partners.append(f"p.{q('partner_person_id')} IN ({', '.join(['%s'] * len(people))})")
    statuses = ", ".join(["%s"] * len(PARTNERED))
    sql = (
        f"SELECT p.{q('partner_structure_id')}, p.{q('partner_person_id')} FROM {_table(Partnership)} p "  # noqa: S608
        f"INNER JOIN {_table(Project)} j ON p.{q('project_id')} = j.{q('id')} "
        f"WHERE p.{q('status')} IN ({statuses}) AND j.{q('domain')} = %s AND ({' OR '.join(partners)})"
    )
    params: list[Any] = [*(status.value for status in PARTNERED), domain, *structures, *people]
    if project_id is not None:  # (a partnership always has a project)
        sql += f" AND p.{q('project_id')} <> %s"
        params.append(project_id)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _shown_rows(target: Side, related: tuple[str, ...], ids: list[int]) -> dict[int, Model]:
    """The rows of `ids` by id, each with its `related` rows cached, as
    select_related(*related).in_bulk(ids) gives them: a written-out read (peps.core.sql), where the
    ORM took longer to build the query and its instances than SQLite to run it."""
    relations = tuple((name, None) for name in related)
    head, tail = joined_select(target.model, None, relations)
    placeholders = ", ".join(["%s"] * len(ids))
    rows = fetch_rows(f"{head}{tail} WHERE {column(target.model, 'pk')} IN ({placeholders})", ids)
    return {obj.pk: obj for obj in joined_instances(target.model, None, relations, rows)}


def _suggestions(
    target: Side, query: Mapping, text: tuple[str, str], best: list[Scored], pole: Pole | None = None
) -> list[Suggestion]:
    """Load the shown rows in one query and write their reasons. Rows of `pole` (the query's,
    loaded already) share it instead of joining it: a third of the time of that query."""
    if not best:
        return []
    # The person (of an offer) or project (of a need) is joined only if a shown row has one: the
    # index copies that key from the row, and a row without one gives None without a query.
    optional, key = ("person", "owner_person_id") if target is OFFERS else ("project", "project_id")
    related: tuple[str, ...] = ("commune", "structure")
    if any(s.row.get(key) for s in best):
        related = (*related, optional)
    if pole is None:
        related = ("pole", *related)
    objects = _shown_rows(target, related, [s.pk for s in best])
    if pole is not None:
        for obj in objects.values():
            if obj.pole_id == pole.pk:
                obj.pole = pole
    query_words = {}
    for part in text:
        for term, word in surface_words(part).items():
            query_words.setdefault(term, word)
    results = []
    for scored in best:
        obj = objects.get(scored.pk)
        if obj is None:  # deleted meanwhile
            continue
        candidate_terms = set(term_weights(obj.title, obj.description))
        shared = [word for term, word in query_words.items() if term in candidate_terms][: WEIGHTS.reason_words]
        need, offer = (query, scored.row) if target is OFFERS else (scored.row, query)
        suggestion = Suggestion(
            score=scored.score,
            reasons=reasons_for(scored, need, offer, shared),
            distance_km=scored.km,
            components=scored.components,
            misfits=list(scored.fit.misfits),
        )
        setattr(suggestion, target.fk, obj)
        results.append(suggestion)
    return results
