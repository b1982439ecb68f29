"""Fixtures of the commons app: the exchange room and a van of the POLLENS pole."""

import pytest

from peps.commons.models import EquipmentCategory, ResourceKind, WhoMayBook
from peps.commons.tests.factories import ResourceFactory


@pytest.fixture(autouse=True)
def _test_settings(settings):
    """Tasks inline and no anonymous page cache, as PEPS_TESTING=1 should give (the root
    conftest sets the variable after pytest-django has loaded the settings)."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.PEPS_ANONYMOUS_CACHE_SECONDS = 0
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def room(pole):
    return ResourceFactory(pole=pole, kind=ResourceKind.ROOM, name="Salle d’échange", capacity=20, is_accessible=True)


@pytest.fixture
def van(pole):
    return ResourceFactory(
        pole=pole,
        kind=ResourceKind.EQUIPMENT,
        equipment_category=EquipmentCategory.VEHICLE,
        name="Camionnette",
        capacity=None,
        who_may_book=WhoMayBook.MEMBERS,
        requires_approval=True,
        max_duration_hours=72,
    )
