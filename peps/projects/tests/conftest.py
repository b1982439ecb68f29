"""Fixtures of the projects app: a holder (a citizen) and projects of the POLLENS pole."""

import pytest

from peps.core.testing import factories as f
from peps.projects.models import ProjectVisibility


@pytest.fixture
def holder(db):
    return f.UserFactory(email="hugo.porteur@example.org", display_name="Hugo")


@pytest.fixture
def project(pole, holder, commune):
    return f.ProjectFactory(
        pole=pole,
        holder=holder,
        commune=commune,
        title="Recyclerie du Roannais",
        summary="Une recyclerie solidaire pour réparer et revendre.",
    )


@pytest.fixture
def members_project(pole, holder):
    return f.ProjectFactory(
        pole=pole,
        holder=holder,
        visibility=ProjectVisibility.MEMBERS,
        title="Épicerie réservée",
        summary="Un projet encore confidentiel.",
    )


@pytest.fixture
def board_member(pole):
    return f.member_of(pole, role="board", email="bea.ca@example.org", display_name="Béa")
