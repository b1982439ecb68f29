"""PostgreSQL as in production, but for the flush that ends every transactional test (the
browser journeys, the races): DELETE rather than TRUNCATE.

TRUNCATE replaces each table's files and catalogue entries: for the ~200 tables of PEPS it
cost 1.1 s a test on an idle machine, and several seconds in CI, where the test databases
are nearly empty and DELETE takes milliseconds. Django creates its foreign keys
DEFERRABLE INITIALLY DEFERRED and flushes in one transaction, so the order of the
deletions does not matter. Content types and permissions are kept: the post_migrate signal
after the flush would write them back identical, row by row (another 0.5 s a test)."""

from django.db.backends.postgresql import base, operations

# Rows that depend on the code only, written back by post_migrate after every flush.
KEPT = frozenset({"django_content_type", "auth_permission"})


class DatabaseOperations(operations.DatabaseOperations):
    def sql_flush(self, style, tables, *, reset_sequences=False, allow_cascade=False):
        if reset_sequences or allow_cascade:
            return super().sql_flush(style, tables, reset_sequences=reset_sequences, allow_cascade=allow_cascade)
        return [
            f"{style.SQL_KEYWORD('DELETE FROM')} {style.SQL_FIELD(self.quote_name(table))};"
            for table in tables
            if table not in KEPT
        ]


class DatabaseWrapper(base.DatabaseWrapper):
    ops_class = DatabaseOperations
