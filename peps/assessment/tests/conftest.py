"""Fixtures of the self-assessment: a small referential version and an open campaign
inviting POLLENS and the other pole."""

import pytest

from . import factories as af


@pytest.fixture(autouse=True)
def _test_settings(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.PEPS_ANONYMOUS_CACHE_SECONDS = 0
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


@pytest.fixture
def version(db):
    return af.small_version()


@pytest.fixture
def campaign(pole, other_pole, version):
    return af.campaign([pole, other_pole], version=version)
