"""Settings of the accounts' tests (see peps/poles/tests/conftest.py for why)."""

import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _test_settings(settings, tmp_path):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.PEPS_ANONYMOUS_CACHE_SECONDS = 0
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.ACCOUNT_RATE_LIMITS = {}
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    # Archives and uploads of a test stay in its own temporary folder.
    settings.PEPS_PRIVATE_ROOT = tmp_path / "private"
    settings.MEDIA_ROOT = tmp_path / "media"
    cache.clear()
