"""Fixtures of this app's tests."""

import pytest


@pytest.fixture(autouse=True)
def _test_settings(settings):
    """Tasks inline and no anonymous page cache, as PEPS_TESTING=1 should give (the root
    conftest sets the variable after pytest-django has loaded the settings)."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.PEPS_ANONYMOUS_CACHE_SECONDS = 0
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def structure(pole):
    from peps.core.testing.factories import StructureFactory

    return StructureFactory(pole=pole, name="Maison de l’Emploi du Roannais", slug="maison-emploi")
