"""A small imported territory: the communes the demo looks up, and a few it will not find."""

import pytest

from peps.core.testing import factories as f
from peps.territory.models import EPCI, Arrondissement

ROANNAIS = [
    ("42187", "Roanne", 34000),
    ("42184", "Riorges", 11000),
    ("42127", "Mably", 7500),
    ("42071", "Le Coteau", 6800),
    ("42052", "Charlieu", 3600),
    ("42182", "Renaison", 3200),
    ("42248", "Saint-Just-en-Chevalet", 1300),
    ("42332", "Villerest", 4800),
    ("42003", "Ambierle", 1900),
    ("42232", "Saint-Haon-le-Châtel", 700),
]


@pytest.fixture
def roannais(db):
    return make_roannais()


def make_roannais():
    """Arrondissement 422 with ten communes, Marcigny (71) in its EPCI and Amplepuis (69);
    Thizy-les-Bourgs, Lapalisse, Le Mayet-de-Montagne and Montbrison are missing on purpose."""
    loire = f.DepartementFactory(code="42", name="Loire")
    arrondissement = Arrondissement.objects.create(code="422", name="Roanne", departement=loire)
    agglo = EPCI.objects.create(code="200035731", name="CA Roannais Agglomération", kind="CA")
    for code, name, population in ROANNAIS:
        f.CommuneFactory(
            code=code,
            name=name,
            search_name=name.lower(),
            population=population,
            departement=loire,
            arrondissement=arrondissement,
            epci=agglo,
        )
    bourgogne = f.RegionFactory(code="27", name="Bourgogne-Franche-Comté")
    saone = f.DepartementFactory(code="71", name="Saône-et-Loire", region=bourgogne)
    marcigny_cc = EPCI.objects.create(code="247100639", name="CC de Marcigny", kind="CC")
    f.CommuneFactory(code="71275", name="Marcigny", departement=saone, epci=marcigny_cc)
    rhone = f.DepartementFactory(code="69", name="Rhône")
    f.CommuneFactory(code="69006", name="Amplepuis", departement=rhone)
    return arrondissement


@pytest.fixture
def two_arrondissements(db):
    return make_two_arrondissements()


def make_two_arrondissements():
    """Two small territories for the synthetic seed: 422 (Roanne) and 421 (Montbrison)."""
    loire = f.DepartementFactory(code="42", name="Loire")
    units = {}
    for code, name, communes in [
        ("422", "Roanne", [("42187", "Roanne"), ("42184", "Riorges"), ("42127", "Mably")]),
        ("421", "Montbrison", [("42147", "Montbrison"), ("42094", "Feurs")]),
    ]:
        units[code] = Arrondissement.objects.create(code=code, name=name, departement=loire)
        for commune_code, commune_name in communes:
            f.CommuneFactory(code=commune_code, name=commune_name, departement=loire, arrondissement=units[code])
    return units
