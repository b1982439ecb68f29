"""Fixtures of deliberation: debates of POLLENS (public, members-only), a consultation."""

import datetime

import pytest
from django.utils import timezone

from peps.core.testing import factories as f
from peps.deliberation import services

from .factories import DebateFactory


@pytest.fixture(autouse=True)
def _test_settings(settings):
    """What PEPS_TESTING=1 should give (tasks inline, no anonymous page cache), enforced here
    because the root conftest sets the variable after pytest-django has loaded the settings."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.PEPS_ANONYMOUS_CACHE_SECONDS = 0
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def other_member(pole):
    return f.member_of(pole, role="member", email="mona.membre@example.org", display_name="Mona")


@pytest.fixture
def debate(pole, member):
    """Opened through the service, so its author follows it, as in real life."""
    return services.debate_open(pole=pole, by=member, title="Quel lieu pour la future ressourcerie ?")


@pytest.fixture
def members_debate(pole, member):
    return DebateFactory(pole=pole, author=member, title="Budget interne", visibility="members")


@pytest.fixture
def consultation(pole, coordinator):
    """Open since yesterday for ten days, to members; its creator follows it."""
    today = timezone.localdate()
    return services.consultation_create(
        pole=pole,
        by=coordinator,
        title="Vos idées pour l’ESS en Roannais",
        description="Proposez.",
        starts_on=today - datetime.timedelta(days=1),
        ends_on=today + datetime.timedelta(days=10),
    )
