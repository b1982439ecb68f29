"""Keep the matching index in step with needs and offers: one row at a time, called by the
partnerships services on every write (`index_need`, `index_offer`, `index_project_needs`), or
everything at once (in bulk, after seeds and imports) with `reindex_all`."""

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from django.db import connection, models, transaction

from peps.partnerships.models import Need, Offer
from peps.projects.models import Project
from peps.territory.models import Commune

from .constraints import guess_kind
from .models import NeedDoc, NeedTerm, OfferDoc, OfferTerm
from .text import term_weights


@dataclass(frozen=True)
class Side:
    """Needs and offers are indexed the same way; this names the tables of one side."""

    model: type[models.Model]
    doc: type[models.Model]
    term: type[models.Model]
    fk: str  # the name of the foreign key to the row in doc and term tables: "offer" or "need"


OFFERS = Side(Offer, OfferDoc, OfferTerm, "offer")
NEEDS = Side(Need, NeedDoc, NeedTerm, "need")

_ROW_FIELDS = (
    "id pole_id category reach radius_km commune_id starts_on ends_on updated_at title description is_open".split()
)
# The structured answers copied into the document's `facts` (constraints.py reads them).
FACT_FIELDS = (
    "kind skilled capacity area_m2 weekdays day_parts periods served_departements served_epcis beneficiaries "
    "remote_ok travels".split()
)


def facts_of(row: dict[str, Any], departement: str | None) -> dict[str, Any]:
    """The structured answers that were given (empty and false ones left out), the commune's
    département, and the nature guessed from the words when none was chosen."""
    facts = {name: row[name] for name in FACT_FIELDS if row.get(name)}
    if departement:
        facts["departement"] = departement
    if not facts.get("kind"):
        guess = guess_kind(row.get("category", ""), row.get("title", ""), row.get("description", ""))
        if guess:
            facts["kind_guess"] = guess
    return facts


def encode_terms(weights: dict[str, int]) -> str:
    return " ".join(f"{term}:{weight}" for term, weight in weights.items())


def decode_terms(text: str) -> dict[str, int]:
    result = {}
    for pair in text.split():
        term, _, weight = pair.rpartition(":")
        result[term] = int(weight)
    return result


def _documents(side: Side, row: dict[str, Any], place: tuple | None, owner: dict[str, Any]) -> tuple[Any, list[tuple]]:
    """The document (unsaved) and the term rows of one need or offer given as a dict."""
    weights = term_weights(row["title"], row["description"])
    length = sum(weights.values())
    latitude, longitude, epci, departement = place or (None, None, "", None)
    doc = side.doc(
        pk=row["id"],
        pole_id=row["pole_id"],
        category=row["category"],
        reach=row["reach"],
        radius_km=row["radius_km"],
        commune_id=row["commune_id"],
        latitude=latitude,
        longitude=longitude,
        epci_code=epci or "",
        starts_on=row["starts_on"],
        ends_on=row["ends_on"],
        updated_at=row["updated_at"],
        length=length,
        terms=encode_terms(weights),
        facts=facts_of(row, departement),
        **owner,
    )
    # (row id, term, weight, document length, pole, latitude, longitude): TERM_COLUMNS order.
    terms = [
        (row["id"], term, min(weight, 32767), length, row["pole_id"], latitude, longitude)
        for term, weight in weights.items()
    ]
    return doc, terms


TERM_COLUMNS = ("{fk}_id", "term", "weight", "doc_length", "pole_id", "latitude", "longitude")


def _insert_terms(side: Side, terms: list[tuple]) -> None:
    """Plain executemany: building millions of model instances is what makes bulk loads slow."""
    if not terms:
        return
    columns = ", ".join(connection.ops.quote_name(c.format(fk=side.fk)) for c in TERM_COLUMNS)
    placeholders = ", ".join(["%s"] * len(TERM_COLUMNS))
    table = connection.ops.quote_name(side.term._meta.db_table)
    with connection.cursor() as cursor:
        # Quoted identifiers and placeholders only: the values are parameters.
        cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES ({placeholders})", terms)  # noqa: S608


def _offer_owner(row: dict[str, Any], _projects: dict) -> dict[str, Any]:
    return {"owner_structure_id": row["structure_id"], "owner_person_id": row["person_id"]}


def _need_owner(row: dict[str, Any], projects: dict) -> dict[str, Any]:
    holder_structure_id, holder_id, domain = projects.get(row["project_id"], (None, None, ""))
    return {
        "owner_structure_id": row["structure_id"] or holder_structure_id,
        "owner_person_id": holder_id,
        "project_id": row["project_id"],
        "domain": domain or "",
    }


def _row_values(side: Side) -> list[str]:
    extra = ["structure_id", "person_id"] if side is OFFERS else ["structure_id", "project_id"]
    return [*_ROW_FIELDS, *FACT_FIELDS, *extra]


def _owner_function(side: Side) -> Callable[[dict[str, Any], dict], dict[str, Any]]:
    return _offer_owner if side is OFFERS else _need_owner


def _projects_of(rows: list[dict[str, Any]]) -> dict[int, tuple]:
    ids = {row["project_id"] for row in rows if row.get("project_id")}
    if not ids:
        return {}
    values = Project.objects.filter(pk__in=ids).values_list("pk", "holder_structure_id", "holder_id", "domain")
    return {pk: rest for pk, *rest in values}


# What _index reads of the row's commune and (for a need) of its project, joined to the row.
_PLACE_VALUES = ("commune__latitude", "commune__longitude", "commune__epci_id", "commune__departement_id")
_PROJECT_VALUES = ("project__holder_structure_id", "project__holder_id", "project__domain")


def _index(side: Side, pk: int) -> None:
    with transaction.atomic():
        _unindex(side, pk)
        # The row, its commune's place and its project's owner in one query (it runs on every
        # save of a need or offer, and for each row of the evaluation set).
        values = [*_row_values(side), *_PLACE_VALUES, *(_PROJECT_VALUES if side is NEEDS else ())]
        found = list(side.model.objects.filter(pk=pk).values(*values)[:1])
        if not found or not found[0]["is_open"]:
            return
        row = found[0]
        place = tuple(row[name] for name in _PLACE_VALUES) if row["commune_id"] else None
        projects = {}
        if side is NEEDS and row["project_id"]:
            projects[row["project_id"]] = tuple(row[name] for name in _PROJECT_VALUES)
        doc, terms = _documents(side, row, place, _owner_function(side)(row, projects))
        doc.save(force_insert=True)
        _insert_terms(side, terms)


def _unindex(side: Side, pk: int) -> None:
    """Plain DELETEs: nothing refers to the index rows, so the ORM's delete would run the same
    two statements after looking for cascades."""
    key = connection.ops.quote_name(f"{side.fk}_id")
    with connection.cursor() as cursor:
        for model in (side.term, side.doc):
            table = connection.ops.quote_name(model._meta.db_table)
            cursor.execute(f"DELETE FROM {table} WHERE {key} = %s", [pk])  # noqa: S608


def index_offer(offer: Offer) -> None:
    """Bring the index of one offer up to date (a closed offer leaves the index)."""
    _index(OFFERS, offer.pk)


def index_need(need: Need) -> None:
    """Bring the index of one need up to date (a closed need leaves the index)."""
    _index(NEEDS, need.pk)


def index_project_needs(project_id: int) -> None:
    """A need's owner and domain come from its project: the projects services call this after
    changing a project's holder or domain."""
    for pk in NeedDoc.objects.filter(project_id=project_id).values_list("pk", flat=True):
        _index(NEEDS, pk)


def unindex_offer(offer_id: int) -> None:
    _unindex(OFFERS, offer_id)


def unindex_need(need_id: int) -> None:
    _unindex(NEEDS, need_id)


def _chunks(side: Side, size: int) -> Iterator[list[dict[str, Any]]]:
    last = 0
    queryset = side.model.objects.filter(is_open=True).order_by("pk").values(*_row_values(side))
    while True:
        rows = list(queryset.filter(pk__gt=last)[:size])
        if not rows:
            return
        yield rows
        last = rows[-1]["id"]


def reindex_all(side: Side, *, chunk_size: int = 1000, progress: Callable[[int], None] | None = None) -> int:
    """Rebuild one side of the index with bulk inserts; returns the rows indexed.

    For bulk loads only (seeds use bulk_create): the services keep the index up to date on
    every write they make. One short transaction per chunk of rows (their documents and terms
    replaced), then one for the documents of rows closed meanwhile: each document is whole at
    every moment, the old ones are suggested until replaced, and no transaction holds the
    database for long (on SQLite, a write transaction of minutes made every other write of the
    site, and the idle task workers, fail with « database is locked »)."""
    places = {
        code: (lat, lon, epci, departement)
        for code, lat, lon, epci, departement in Commune.objects.values_list(
            "code", "latitude", "longitude", "epci_id", "departement_id"
        )
    }
    owner = _owner_function(side)
    done = 0
    for rows in _chunks(side, chunk_size):
        projects = _projects_of(rows) if side is NEEDS else {}
        docs, terms = [], []
        for row in rows:
            doc, row_terms = _documents(side, row, places.get(row["commune_id"]), owner(row, projects))
            docs.append(doc)
            terms.extend(row_terms)
        ids = [row["id"] for row in rows]
        with transaction.atomic():
            side.term.objects.filter(**{f"{side.fk}_id__in": ids}).delete()
            side.doc.objects.filter(pk__in=ids).delete()
            side.doc.objects.bulk_create(docs, batch_size=1000)
            _insert_terms(side, terms)
        done += len(rows)
        if progress:
            progress(done)
    with transaction.atomic():  # rows closed since their last indexing (deleted ones cascade)
        side.term.objects.filter(**{f"{side.fk}__is_open": False}).delete()
        side.doc.objects.filter(**{f"{side.fk}__is_open": False}).delete()
    return done
