"""Shared test cast, as in STYLE.md: a coordinator, a member, a citizen and an outsider
from another pole, around the pole « POLLENS » on the Roanne arrondissement."""

import gc

import pytest

from peps.core.testing import factories as f

# Slow tests whose outcome does not depend on the database engine (see the `once` marker):
# the browser and the walks of the demo (tests/e2e), the API fuzzing, the PDF, and the
# matching engine's evaluation (a measure of quality: the engine's
# queries are tested on both engines by peps/matching's own tests).
ONCE = (
    "tests/e2e/",
    "test_schemathesis.py",
    "reports/tests/test_pdf.py",
    "tests/matching/",
)


@pytest.hookimpl(tryfirst=True)  # before pytest-xdist reads the xdist_group marks
def pytest_collection_modifyitems(items):
    for item in items:
        if any(part in str(item.fspath) for part in ONCE):
            item.add_marker(pytest.mark.once)
        # A module that seeds once for all its tests (a module-scoped fixture) runs on one
        # xdist worker (`--dist loadgroup`), or each worker given one of its tests seeds again.
        fixtures = getattr(item, "_fixtureinfo", None)
        if fixtures and any(defs[-1].scope == "module" for defs in fixtures.name2fixturedefs.values()):
            item.add_marker(pytest.mark.xdist_group(_module_of(item)))
    # The modules with a slow test first: the workers of pytest-xdist then finish at about
    # the same time, instead of one of them starting a minute-long test when the others are
    # done. A module's tests stay together: split in two runs, its module-scoped fixtures
    # would be set up twice.
    slow = {_module_of(item) for item in items if item.get_closest_marker("slow")}
    items.sort(key=lambda item: _module_of(item) not in slow)


def _module_of(item) -> str:
    """The test's file, as its node id begins: « peps/demo/tests/test_seed_demo.py »."""
    return item.nodeid.split("::")[0]


def pytest_collection_finish(session):
    """Django, the apps and the collected tests live as long as the process: moved out of the
    garbage collector's reach (as the WSGI workers do, config/wsgi.py), the collections that
    thousands of tests trigger no longer walk them again (about 7 % of the suite's CPU)."""
    gc.collect()
    gc.freeze()


@pytest.fixture(scope="session")
def django_db_setup(
    request, django_test_environment, django_db_blocker, django_db_createdb, django_db_modify_db_settings
):
    """The test database is copied from a template migrated once per machine (see
    peps.core.testing.databases), not migrated again by every xdist worker."""
    from peps.core.testing.databases import setup_test_database, teardown_test_database

    verbosity = request.config.option.verbose
    with django_db_blocker.unblock():
        databases = setup_test_database(rebuild=django_db_createdb, verbosity=verbosity)
    yield
    with django_db_blocker.unblock():
        teardown_test_database(databases, verbosity=verbosity)


@pytest.fixture
def pole(db):
    return f.PoleFactory(slug="pollens", name="POLLENS — Roannais", short_name="POLLENS")


@pytest.fixture
def other_pole(db):
    return f.PoleFactory(slug="autre-pole", name="Autre pôle")


@pytest.fixture
def commune(db):
    return f.CommuneFactory(code="42187", name="Roanne")


@pytest.fixture
def coordinator(pole):
    return f.member_of(pole, role="coordinator", email="claire.coordination@example.org", display_name="Claire")


@pytest.fixture
def member(pole):
    return f.member_of(pole, role="member", email="marc.membre@example.org", display_name="Marc")


@pytest.fixture
def citizen(db):
    return f.UserFactory(email="celia.citoyenne@example.org", display_name="Célia")


@pytest.fixture
def outsider(other_pole):
    return f.member_of(other_pole, role="coordinator", email="olivier.ailleurs@example.org", display_name="Olivier")


@pytest.fixture
def network_admin(db):
    return f.UserFactory(email="admin@example.org", is_superuser=True, is_staff=True)


@pytest.fixture(autouse=True)
def _private_folders(settings, tmp_path):
    """Uploads, report PDFs and personal archives of a test stay in its own temporary folder."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PEPS_PRIVATE_ROOT = tmp_path / "private"


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts and ends in the default language: a request in English leaves English
    active in the thread (LocaleMiddleware activates it, nothing deactivates it), and a later
    test of the same worker calling a service would get English messages."""
    from django.utils import translation

    translation.deactivate()
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Row ids are reused after each test's rollback: cached fragments must not leak across tests."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
