"""Fixtures of the directory's tests."""

import pytest


@pytest.fixture(autouse=True)
def _test_settings(settings):
    # What config/settings.py sets under PEPS_TESTING, made explicit here: the root
    # conftest sets that variable after pytest-django has already loaded the settings.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.PEPS_ANONYMOUS_CACHE_SECONDS = 0
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def login(client):
    """Sign a person in on the test client: login(user) returns the client."""

    def _login(user):
        client.force_login(user)
        return client

    return _login
