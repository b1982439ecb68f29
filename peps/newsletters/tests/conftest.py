"""Settings and helpers of the newsletter's tests (see peps/governance/tests/conftest.py for why)."""

import pytest
from django.utils import timezone

from peps.newsletters.models import Source, Subscription


@pytest.fixture(autouse=True)
def _test_settings(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.PEPS_ANONYMOUS_CACHE_SECONDS = 0
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.SITE_URL = "https://peps.example"


def email_subscriber(pole, email, *, consented=True):
    """A bare address that confirmed (or not yet) its subscription."""
    return Subscription.objects.create(
        pole=pole, email=email, source=Source.FORM, consented_at=timezone.now() if consented else None
    )
