"""The directory's full-text index is laid out by pole (see peps/directory/search.py). This
drops the network-wide index: SQLite's FTS5 table and its triggers, PostgreSQL's GIN index.
`search.ensure_index()`, run after every migrate, then creates and fills the new ones."""

from django.db import migrations


def _drop_sqlite(schema_editor, table: str) -> None:
    for trigger in ("insert", "delete", "update"):
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_{trigger}")
    schema_editor.execute(f"DROP TABLE IF EXISTS {table}")


def drop_network_wide_index(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        _drop_sqlite(schema_editor, "directory_structure_fts")
    elif schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS directory_structure_search_gin")


def drop_index_by_pole(apps, schema_editor):
    # Back to 0006: the code of that time creates its own index after migrate.
    if schema_editor.connection.vendor == "sqlite":
        _drop_sqlite(schema_editor, "directory_structure_search")
    elif schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS directory_structure_search_pole")
        schema_editor.execute("DROP FUNCTION IF EXISTS directory_structure_search_vector(bigint, text)")


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0006_is_active_indexes"),
    ]

    operations = [
        migrations.RunPython(drop_network_wide_index, drop_index_by_pole, elidable=False),
    ]
