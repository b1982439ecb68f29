"""The test database, migrated once and copied for each test process.

Migrating from scratch took about 50 s of one core: Django re-renders the models related to
the user and the pole after each operation, and the initial migrations added each index and
constraint as an operation of its own. Those are now folded into their ``CreateModel`` and the
partnerships and matching migrations squashed (same schema, checked with ``pg_dump -s``):
about 23 s. Keep new migrations in that shape (indexes in the ``CreateModel``'s options).
With pytest-xdist each worker used to do it again; now the first one migrates a *template*, under a lock that every process on the
machine shares, and each worker copies it in a second or less:

- SQLite: the template is a file in ``var/test-databases/``; each worker loads it into its own
  shared-cache memory database (the engine the tests have always used) with SQLite's backup.
- PostgreSQL: the template is a database; each worker's database is ``CREATE DATABASE …
  TEMPLATE`` of it.

The template's name carries a hash of everything that shapes the schema (the migrations, the
pinned requirements, the installed apps): a change to any of them builds a new one, and a
template that exists is complete (it is renamed into place only once migrated). ``--create-db``
rebuilds it anyway.
"""

from __future__ import annotations

import fcntl
import hashlib
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.db import connections
from django.test.utils import teardown_databases

ROOT = Path(settings.BASE_DIR)
FOLDER = ROOT / "var" / "test-databases"


def schema_key() -> str:
    """A short hash of what the migrated schema depends on."""
    digest = hashlib.sha256()
    sources = sorted(ROOT.glob("peps/*/migrations/*.py")) + sorted(ROOT.glob("requirements/*.txt"))
    for path in sources:
        digest.update(str(path.relative_to(ROOT)).encode())
        digest.update(path.read_bytes())
    digest.update(repr(settings.INSTALLED_APPS).encode())
    return digest.hexdigest()[:12]


@contextmanager
def machine_lock(engine: str) -> Iterator[None]:
    """One process at a time builds or copies an engine's template (xdist workers, parallel
    runs); the two engines' templates are built side by side."""
    FOLDER.mkdir(parents=True, exist_ok=True)
    with open(FOLDER / f".lock-{engine}", "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def setup_test_database(*, rebuild: bool, verbosity: int) -> list:
    """Give this process its test database, copied from the template (built first if
    missing). Returns the configuration `django.test.utils.teardown_databases` expects."""
    connection = connections["default"]
    old_name = connection.settings_dict["NAME"]
    with machine_lock(connection.vendor):
        if connection.vendor == "sqlite":
            _sqlite_copy(connection, _sqlite_template(connection, rebuild, verbosity))
        elif connection.vendor == "postgresql":
            _postgresql_copy(connection, _postgresql_template(connection, rebuild, verbosity))
        else:  # pragma: no cover - the two engines PEPS supports
            raise RuntimeError(f"No test database template for {connection.vendor}")
    return [(connection, old_name, True)]


def teardown_test_database(databases: list, *, verbosity: int) -> None:
    """Drop this process's test database. On PostgreSQL, a connection a test's thread left
    open (a race's writer, the live server's) would make DROP DATABASE fail at the very
    end of a green run: such connections are ended first."""
    connection = connections["default"]
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
    teardown_databases(databases, verbosity=verbosity)


def _migrate_into(connection, name: str, verbosity: int) -> None:
    """Create the database `name` and migrate it, as Django's test runner does, then give
    the connection back its own settings."""
    test_settings = connection.settings_dict.setdefault("TEST", {})
    saved_name, saved_test_name = connection.settings_dict["NAME"], test_settings.get("NAME")
    test_settings["NAME"] = name
    try:
        connection.creation.create_test_db(verbosity=verbosity, autoclobber=True, serialize=False)
    finally:
        connection.close()
        test_settings["NAME"] = saved_test_name
        connection.settings_dict["NAME"] = saved_name
        settings.DATABASES[connection.alias]["NAME"] = saved_name


# --- SQLite ------------------------------------------------------------------------------


def _sqlite_template(connection, rebuild: bool, verbosity: int) -> Path:
    template = FOLDER / f"template-{schema_key()}.sqlite3"
    if template.exists() and not rebuild:
        return template
    for old in FOLDER.glob("template-*.sqlite3*"):
        old.unlink()
    building = FOLDER / f"building-{template.name}"
    building.unlink(missing_ok=True)
    _migrate_into(connection, str(building), verbosity)
    # Out of WAL mode, the file alone is the whole database, ready to be copied.
    plain = sqlite3.connect(building)
    try:
        plain.execute("PRAGMA journal_mode=DELETE")
    finally:
        plain.close()
    building.rename(template)
    return template


def _sqlite_copy(connection, template: Path) -> None:
    name = connection.creation._get_test_db_name()
    connection.close()
    connection.settings_dict["NAME"] = name
    settings.DATABASES[connection.alias]["NAME"] = name
    connection.ensure_connection()
    source = sqlite3.connect(template)
    try:
        source.backup(connection.connection)
    finally:
        source.close()


# --- PostgreSQL --------------------------------------------------------------------------


def _postgresql_exists(connection, name: str) -> bool:
    with connection._nodb_cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        return cursor.fetchone() is not None


def _postgresql_execute(connection, sql: str) -> None:
    with connection._nodb_cursor() as cursor:
        cursor.execute(sql)


def _postgresql_template(connection, rebuild: bool, verbosity: int) -> str:
    # One template for the machine, whatever each run names its own databases (CI runs two
    # suites side by side under two names).
    prefix = "test_peps_template_"
    template = prefix + schema_key()
    if _postgresql_exists(connection, template) and not rebuild:
        return template
    with connection._nodb_cursor() as cursor:
        cursor.execute("SELECT datname FROM pg_database WHERE datname LIKE %s", [prefix + "%"])
        stale = [row[0] for row in cursor.fetchall()]
    for name in stale:
        _postgresql_execute(connection, f'DROP DATABASE IF EXISTS "{name}"')
    building = template + "_building"
    _migrate_into(connection, building, verbosity)
    _postgresql_execute(connection, f'ALTER DATABASE "{building}" RENAME TO "{template}"')
    return template


def _postgresql_copy(connection, template: str) -> None:
    name = connection.creation._get_test_db_name()
    connection.close()
    _postgresql_execute(connection, f'DROP DATABASE IF EXISTS "{name}"')
    _postgresql_execute(connection, f'CREATE DATABASE "{name}" WITH TEMPLATE "{template}"')
    connection.settings_dict["NAME"] = name
    settings.DATABASES[connection.alias]["NAME"] = name


@contextmanager
def rows_for_a_module(django_db_blocker) -> Iterator[None]:
    """Write rows once for all the tests of a module, as Django's ``setUpTestData`` does:
    one transaction around the module, rolled back at its end; each test runs in a savepoint
    inside it, so what a test writes is still undone after it. For a costly seed that many
    read-only tests look at; a module using it must not hold tests that expect an empty
    database or a real commit."""
    from django.db import transaction

    with django_db_blocker.unblock(), transaction.atomic():
        yield
        transaction.set_rollback(True)
