import pytest

from .factories import commune


@pytest.fixture
def roanne(db):
    return commune("42187")


@pytest.fixture
def riorges(db):
    return commune("42184")


@pytest.fixture
def charlieu(db):
    return commune("42052")


@pytest.fixture
def chevalet(db):
    return commune("42248")
