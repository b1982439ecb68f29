"""Fixtures of the network app: a located, described POLLENS and the test settings."""

import pytest

from peps.core.testing import factories as f
from peps.network import services
from peps.poles.models import TerritoryUnit


@pytest.fixture
def located_pole(pole, commune):
    """POLLENS on Roanne, described on both grids and tagged."""
    TerritoryUnit.objects.create(pole=pole, kind="commune", code=commune.code, label="Roanne (42)")
    services.profile_locate(pole=pole)
    services.profile_update(
        pole=pole,
        by=None,
        values={"purposes": "Développement local durable", "approach": "bottom_up", "context": "Roannais textile"},
        new_themes=["Économie sociale et solidaire"],
    )
    return pole


@pytest.fixture
def competitive_pole(db):
    pole = f.PoleFactory(slug="textile", name="Pôle de compétitivité Textile", kind="competitive")
    services.profile_update(pole=pole, by=None, values={"purposes": "Croissance économique", "approach": "top_down"})
    return pole
