"""Fixtures of reports: private files in a temporary folder, tasks inline, a seeded year."""

import pytest

from . import factories as rf


@pytest.fixture
def board_member(pole):
    from peps.core.testing import factories as f

    return f.member_of(pole, role="board", email="bea.conseil@example.org", display_name="Béa")


@pytest.fixture
def seeded(pole, coordinator):
    """A year (2024) of activity of POLLENS, with rows just before and after it."""
    return rf.seed_year(pole, year=rf.YEAR, by=coordinator)
