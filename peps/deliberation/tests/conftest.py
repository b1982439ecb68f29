"""Fixtures of deliberation: debates of POLLENS (public, members-only), a consultation."""

import datetime

import pytest
from django.utils import timezone

from peps.core.testing import factories as f
from peps.deliberation import services

from .factories import DebateFactory


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
