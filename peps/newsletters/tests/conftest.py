"""Settings and helpers of the newsletter's tests (see peps/governance/tests/conftest.py for why)."""

import pytest
from django.utils import timezone

from peps.newsletters.models import Source, Subscription


@pytest.fixture(autouse=True)
def _site_url(settings):
    settings.SITE_URL = "https://peps.example"


def email_subscriber(pole, email, *, consented=True):
    """A bare address that confirmed (or not yet) its subscription."""
    return Subscription.objects.create(
        pole=pole, email=email, source=Source.FORM, consented_at=timezone.now() if consented else None
    )
