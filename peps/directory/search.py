"""Full-text search of the directory's structures, on the folded `search_text` column (accents
and case already removed by core.text.fold), by word prefix: « econ » finds « Économie ».
A search is always within one pole, and on both engines the index is laid out so that a
search reads that pole's entries only, not every match of the network (« solidaire »: 33,000
structures nationally, 336 in a pole).

SQLite: an FTS5 table without content whose rowid is the pole and the structure together,
`pole_id << 32 | id`, so that one pole's entries are one contiguous run in every word's list;
a search asks for the rowids between the pole's bounds and FTS5 seeks there (45 ms before,
probing the structure of every match of the network for its pole; 3 ms now). Prefix indexes
of 1 to 5 letters answer a word being typed (« as », « asso », the « l » of « l'etal ») from
one list each, seeking the pole there too (« asso »: 10 ms without, 0.06 ms with); a longer
prefix merges the network-wide lists of its words first (« solidaire »: 2 ms). Three
triggers keep it in step, so every write is indexed whatever the code path (the directory's
services, the imports, a queryset update(), the demo's bulk inserts), a change of pole
included.

PostgreSQL: a GIN index on `directory_structure_search_vector(pole_id, search_text)`, the
words of `to_tsvector('simple', search_text)` each prefixed with the pole (« 12:solidaire »),
so that a prefix query names the pole and the index walks that pole's words only (1 ms
instead of 90 to 180: the planner used to test to_tsvector() on each of the pole's rows).
The function is declared costly so that the planner reads the index rather than computing
it row by row in name order. The database computes it on every write, like the triggers.

Both are created by `ensure_index()`, run after every `migrate` (and when the test database
is built without migrations); migration 0007 dropped the network-wide indexes before them."""

import re

from django.contrib.postgres.search import SearchQueryField, SearchVectorField
from django.db import connections
from django.db.models import BooleanField, F, Func, Q, Value
from django.db.models.expressions import RawSQL
from django.db.models.functions import Cast

FTS_TABLE = "directory_structure_search"
# The rowid: `pole_id << 32 | id` (structure ids stay below 2**32, the low half).
POLE_SHIFT = 32

SQLITE_INDEX = [
    """CREATE VIRTUAL TABLE IF NOT EXISTS directory_structure_search USING fts5(
        search_text, content='', columnsize=0, prefix='1 2 3 4 5', tokenize='unicode61 remove_diacritics 2'
    )""",
    """CREATE TRIGGER IF NOT EXISTS directory_structure_search_insert AFTER INSERT ON directory_structure BEGIN
        INSERT INTO directory_structure_search(rowid, search_text)
        VALUES ((new.pole_id << 32) | new.id, new.search_text);
    END""",
    # Without content, FTS5 removes a row's words when given the text it indexed.
    """CREATE TRIGGER IF NOT EXISTS directory_structure_search_delete AFTER DELETE ON directory_structure BEGIN
        INSERT INTO directory_structure_search(directory_structure_search, rowid, search_text)
        VALUES ('delete', (old.pole_id << 32) | old.id, old.search_text);
    END""",
    """CREATE TRIGGER IF NOT EXISTS directory_structure_search_update
    AFTER UPDATE OF search_text, pole_id, id ON directory_structure BEGIN
        INSERT INTO directory_structure_search(directory_structure_search, rowid, search_text)
        VALUES ('delete', (old.pole_id << 32) | old.id, old.search_text);
        INSERT INTO directory_structure_search(rowid, search_text)
        VALUES ((new.pole_id << 32) | new.id, new.search_text);
    END""",
]
SQLITE_FILL = [
    "INSERT INTO directory_structure_search(rowid, search_text)"
    " SELECT (pole_id << 32) | id, search_text FROM directory_structure",
    "INSERT INTO directory_structure_search(directory_structure_search) VALUES ('optimize')",
]
# The words of this pole: its run of rowids, read back as the structures' ids.
SQLITE_MATCH = (
    "SELECT rowid & 4294967295 FROM directory_structure_search"
    " WHERE directory_structure_search MATCH %s AND rowid BETWEEN %s AND %s"
)

PG_FUNCTION = "directory_structure_search_vector"
PG_INDEX = "directory_structure_search_pole"
POSTGRESQL_INDEX = [
    # Not inlined (its body has a subquery), so the planner honours its COST: about what
    # to_tsvector() of a structure's text costs next to reading an index page.
    """CREATE OR REPLACE FUNCTION directory_structure_search_vector(pole bigint, body text) RETURNS tsvector
        LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE COST 5000 AS $$
        SELECT array_to_tsvector(ARRAY(
            SELECT pole || ':' || lexeme FROM unnest(to_tsvector('simple'::regconfig, body))
        ))
    $$""",
    "CREATE INDEX IF NOT EXISTS directory_structure_search_pole ON directory_structure"
    " USING gin (directory_structure_search_vector(pole_id, search_text))",
]


def ensure_index(using: str = "default") -> None:
    """Create the index where it is missing; a new FTS5 table is filled from the structures."""
    connection = connections[using]
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            tables = connection.introspection.table_names(cursor)
            if "directory_structure" not in tables:
                return
            created = FTS_TABLE not in tables
            for statement in SQLITE_INDEX:
                cursor.execute(statement)
            if created:
                for statement in SQLITE_FILL:
                    cursor.execute(statement)
        elif connection.vendor == "postgresql":
            # Only when missing: CREATE INDEX, even IF NOT EXISTS, is refused inside a
            # transaction that has deferred constraint checks pending.
            cursor.execute("SELECT 1 FROM pg_indexes WHERE indexname = %s", [PG_INDEX])
            if cursor.fetchone() is None:
                for statement in POSTGRESQL_INDEX:
                    cursor.execute(statement)


def after_migrate(sender, using: str = "default", **kwargs) -> None:
    ensure_index(using)


def words(terms: list[str]) -> list[str]:
    """The folded terms split as both engines split text (letters and digits): « l'etal »
    is the words « l » and « etal »."""
    return [word for term in terms for word in re.findall(r"\w+", term)][:16]


class _PoleWords(Func):
    """The indexed expression: PostgreSQL uses the index when the query repeats it."""

    function = PG_FUNCTION
    output_field = SearchVectorField()


def _tsquery(found: list[str], pole_id: int) -> str:
    # The lexemes as the index holds them, written as a tsquery literal: to_tsquery() would
    # parse « 12:econ » again. PostgreSQL's parser cuts words at « _ » too (its parts are
    # ANDed here; to_tsquery() made them a phrase, which a vector without positions lacks).
    lexemes = [part for word in found for part in word.split("_") if part]
    return " & ".join(f"'{pole_id}:{lexeme}':*" for lexeme in lexemes)


def _fts_params(found: list[str], pole_id: int) -> tuple[str, int, int]:
    # Each word quoted (FTS5 syntax stays inert) and used as a prefix; words are ANDed.
    match = " ".join(f'"{word}"*' for word in found)
    first = pole_id << POLE_SHIFT
    return match, first, first + (1 << POLE_SHIFT) - 1


def matching(terms: list[str], *, pole_id: int, using: str = "default") -> Q:
    """Structures of the pole whose search text has a word starting with each term (all of
    them). The pole is part of the condition because it is part of the index (see above)."""
    found = words(terms)
    if not found:
        return Q()
    if connections[using].vendor == "postgresql":
        return Q(
            Func(
                _PoleWords(F("pole_id"), F("search_text")),
                Cast(Value(_tsquery(found, pole_id)), output_field=SearchQueryField()),
                template="%(expressions)s",
                arg_joiner=" @@ ",
                output_field=BooleanField(),
            )
        )
    return Q(pk__in=RawSQL(SQLITE_MATCH, _fts_params(found, pole_id)))  # noqa: S611 - a constant, the words as parameter


def matching_sql(terms: list[str], *, pole_id: int, table: str, vendor: str) -> tuple[str, list]:
    """matching() written out for a query whose structures are `table` (an alias): the
    condition and its parameters, ("", []) without words."""
    found = words(terms)
    if not found:
        return "", []
    if vendor == "postgresql":
        return f"{PG_FUNCTION}({table}.pole_id, {table}.search_text) @@ (%s)::tsquery", [_tsquery(found, pole_id)]
    return f"{table}.id IN ({SQLITE_MATCH})", list(_fts_params(found, pole_id))
