"""Fixtures of the poles' tests: a pole admin, colleges and a small territory."""

import pytest
from django.core.cache import cache

from peps.core.testing import factories as f
from peps.poles.models import TerritoryUnit


@pytest.fixture(autouse=True)
def _fresh_cache():
    # Figures are cached by pole id, and ids come back after a rolled-back test.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def pole_admin(pole):
    return f.member_of(pole, role="admin", email="anne.admin@example.org", display_name="Anne")


@pytest.fixture
def college(pole):
    return f.CollegeFactory(pole=pole, name="Acteurs de l’ESS", board_seats=6, position=1)


@pytest.fixture
def small_territory(pole):
    """Three communes of one arrondissement plus one commune of another département."""
    from peps.territory.models import EPCI, Arrondissement

    loire = f.DepartementFactory(code="42", name="Loire")
    arrondissement = Arrondissement.objects.create(code="422", name="Roanne", departement=loire)
    epci = EPCI.objects.create(code="200035731", name="CA Roannais Agglomération", kind="CA")
    for code, name, population in [("42187", "Roanne", 34000), ("42127", "Mably", 7600), ("42011", "Ambierle", 1900)]:
        f.CommuneFactory(code=code, name=name, population=population, arrondissement=arrondissement, epci=epci)
    rhone = f.DepartementFactory(code="69", name="Rhône")
    f.CommuneFactory(code="69248", name="Thizy-les-Bourgs", population=6200, departement=rhone)
    f.CommuneFactory(code="42999", name="Hors territoire", population=5000)
    TerritoryUnit.objects.create(pole=pole, kind="arrondissement", code="422", label="Arrondissement de Roanne")
    TerritoryUnit.objects.create(pole=pole, kind="commune", code="69248")
    return pole
