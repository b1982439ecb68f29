"""Fixtures of the commons app: the exchange room and a van of the POLLENS pole."""

import pytest

from peps.commons.models import EquipmentCategory, ResourceKind, WhoMayBook
from peps.commons.tests.factories import ResourceFactory


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
