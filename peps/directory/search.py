"""Full-text search of the directory's structures, on the folded `search_text` column (accents
and case already removed by core.text.fold), by word prefix: « econ » finds « Économie ».

SQLite: an FTS5 table with external content (the structures table itself), kept in step by
three database triggers, so every write is indexed, whatever the code path (the directory's
services, the imports, a queryset update(), the demo's bulk inserts). PostgreSQL: a GIN index
on the text search vector of the same column. Both are created by `ensure_index()`, run after
every `migrate` (and when the test database is built without migrations)."""

import re

from django.contrib.postgres.search import SearchQuery, SearchVector
from django.db import connections
from django.db.models import Q
from django.db.models.expressions import RawSQL

FTS_TABLE = "directory_structure_fts"
GIN_INDEX = "directory_structure_search_gin"

SQLITE_INDEX = [
    """CREATE VIRTUAL TABLE IF NOT EXISTS directory_structure_fts USING fts5(
        search_text, content='directory_structure', content_rowid='id', tokenize='unicode61 remove_diacritics 2'
    )""",
    """CREATE TRIGGER IF NOT EXISTS directory_structure_fts_insert AFTER INSERT ON directory_structure BEGIN
        INSERT INTO directory_structure_fts(rowid, search_text) VALUES (new.id, new.search_text);
    END""",
    """CREATE TRIGGER IF NOT EXISTS directory_structure_fts_delete AFTER DELETE ON directory_structure BEGIN
        INSERT INTO directory_structure_fts(directory_structure_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text);
    END""",
    """CREATE TRIGGER IF NOT EXISTS directory_structure_fts_update AFTER UPDATE OF search_text ON directory_structure BEGIN
        INSERT INTO directory_structure_fts(directory_structure_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text);
        INSERT INTO directory_structure_fts(rowid, search_text) VALUES (new.id, new.search_text);
    END""",
]
# SearchVector wraps the column in COALESCE: the index holds the same expression, so it is used.
POSTGRESQL_INDEX = (
    "CREATE INDEX IF NOT EXISTS directory_structure_search_gin ON directory_structure "
    "USING gin (to_tsvector('simple'::regconfig, COALESCE(search_text, '')))"
)


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
                cursor.execute("INSERT INTO directory_structure_fts(directory_structure_fts) VALUES ('rebuild')")
        elif connection.vendor == "postgresql":
            # Only when missing: CREATE INDEX, even IF NOT EXISTS, is refused inside a
            # transaction that has deferred constraint checks pending.
            cursor.execute("SELECT 1 FROM pg_indexes WHERE indexname = %s", [GIN_INDEX])
            if cursor.fetchone() is None:
                cursor.execute(POSTGRESQL_INDEX)


def after_migrate(sender, using: str = "default", **kwargs) -> None:
    ensure_index(using)


def words(terms: list[str]) -> list[str]:
    """The folded terms split as both engines split text (letters and digits): « l'etal »
    is the words « l » and « etal »."""
    return [word for term in terms for word in re.findall(r"\w+", term)][:16]


def matching(terms: list[str], *, using: str = "default") -> Q:
    """Structures whose search text has a word starting with each term (all of them)."""
    found = words(terms)
    if not found:
        return Q()
    if connections[using].vendor == "postgresql":
        query = " & ".join(f"{word}:*" for word in found)
        return Q(pk__in=_postgresql_ids(query))
    # Each word quoted (FTS5 syntax stays inert) and used as a prefix; words are ANDed.
    match = " ".join(f'"{word}"*' for word in found)
    return Q(
        pk__in=RawSQL("SELECT rowid FROM directory_structure_fts WHERE directory_structure_fts MATCH %s", (match,))
    )


def _postgresql_ids(query: str):
    from .models import Structure

    return (
        Structure.objects.annotate(search=SearchVector("search_text", config="simple"))
        .filter(search=SearchQuery(query, search_type="raw", config="simple"))
        .order_by()
        .values("pk")
    )
