"""Fixtures of governance: the POLLENS board with its colleges, a commission, a general meeting."""

import pytest

from peps.core.testing import factories as f
from peps.governance.models import BodyKind

from . import factories as gf


@pytest.fixture
def colleges(pole):
    return [
        f.CollegeFactory(pole=pole, name="Acteurs de l’ESS", board_seats=6, position=0),
        f.CollegeFactory(pole=pole, name="Réseaux et collectivités", board_seats=3, position=1),
        f.CollegeFactory(pole=pole, name="Société civile", board_seats=3, position=2),
    ]


@pytest.fixture
def board(pole):
    return gf.body(pole, BodyKind.BOARD, name="Conseil d’administration", visibility="public")


@pytest.fixture
def commission(pole):
    return gf.body(pole, BodyKind.COMMISSION, name="Commission actions", visibility="members")


@pytest.fixture
def general_meeting(pole):
    return gf.body(pole, BodyKind.GENERAL_MEETING, name="Assemblée générale", visibility="members")


@pytest.fixture
def chair(pole, commission):
    user = f.member_of(pole, email="chloe.presidente@example.org", display_name="Chloé")
    gf.seat(commission, user, role="chair")
    return user
