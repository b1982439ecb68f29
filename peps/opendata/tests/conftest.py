import pytest

from .factories import seed_open_data


@pytest.fixture
def seeded(pole, commune):
    return seed_open_data(pole, commune)
