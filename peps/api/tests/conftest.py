import pytest

from peps.api.services import api_token_create
from peps.core.testing import factories as f
from peps.opendata.tests.factories import seed_open_data


@pytest.fixture
def holder(pole):
    """A member who represents « L’Étal » and holds the ressourcerie project."""
    return f.member_of(pole, email="hugo.porteur@example.org", display_name="Hugo")


@pytest.fixture
def seeded(pole, commune, holder):
    return seed_open_data(pole, commune, representative=holder, holder=holder)


@pytest.fixture
def key(holder):
    return api_token_create(user=holder, name="Tableur")[1]


@pytest.fixture
def auth(key):
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}
