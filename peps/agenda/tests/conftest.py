"""Fixtures of the agenda's tests: an event of the POLLENS pole, a room, a Bourse session."""

import datetime

import pytest
from django.utils import timezone

from peps.commons.models import Resource
from peps.core.testing import factories as f

from .factories import EventFactory, bourse_session


@pytest.fixture(autouse=True)
def _site_url(settings):
    settings.SITE_URL = "https://peps.example.org"


@pytest.fixture
def soon():
    """Next week at 18:00, Paris time."""
    day = timezone.localdate() + datetime.timedelta(days=7)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(18, 0)))


@pytest.fixture
def event(pole, coordinator, commune, soon):
    return EventFactory(
        pole=pole,
        created_by=coordinator,
        commune=commune,
        title="Rencontres solidaires en Roannais",
        starts_at=soon,
        ends_at=soon + datetime.timedelta(hours=2),
    )


@pytest.fixture
def members_event(pole, coordinator, commune, soon):
    return EventFactory(
        pole=pole,
        created_by=coordinator,
        commune=commune,
        title="Assemblée réservée",
        audience="members",
        starts_at=soon,
        ends_at=soon + datetime.timedelta(hours=2),
    )


@pytest.fixture
def room(pole):
    return Resource.objects.create(pole=pole, kind="room", name="Salle d’échange", capacity=30, location="Roanne")


@pytest.fixture
def session(pole, coordinator, soon):
    return bourse_session(pole=pole, by=coordinator, starts_at=soon)


@pytest.fixture
def holder(db):
    return f.UserFactory(email="hugo.porteur@example.org", display_name="Hugo")


@pytest.fixture
def project(pole, holder):
    return f.ProjectFactory(pole=pole, holder=holder, title="Recyclerie du Roannais")


@pytest.fixture
def resource_person(db):
    return f.UserFactory(email="rose.ressource@example.org", display_name="Rose")
