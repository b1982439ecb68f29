"""Fixtures of the notifications tests."""

import pytest

from peps.core.testing import factories as f


@pytest.fixture(autouse=True)
def _test_settings(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.PEPS_ANONYMOUS_CACHE_SECONDS = 0
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


@pytest.fixture(autouse=True)
def _fresh_cache():
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def alice(db):
    return f.UserFactory(email="alice@example.org", display_name="Alice")


@pytest.fixture
def bob(db):
    return f.UserFactory(email="bob@example.org", display_name="Bob")
