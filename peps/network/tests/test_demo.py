"""seed_network_network_demo: the 2012 poles on real territory units, 29 PTCE, the fiches of
POLLENS, the museums network and a pôle de compétitivité; idempotent."""

import pytest

from peps.core.testing import factories as f
from peps.network.demo import read_2012_poles, seed_network_network_demo, unit_for_place
from peps.network.models import PoleProfile, PoleProfileChange
from peps.poles.models import Pole, PoleKind, TerritoryUnit


@pytest.fixture
def territory(db):
    """A few real communes and départements the CSV names, and a homonym in another region."""
    aura = f.RegionFactory(code="84", name="Auvergne-Rhône-Alpes")
    occitanie = f.RegionFactory(code="76", name="Occitanie")
    hdf = f.RegionFactory(code="32", name="Hauts-de-France")
    drome = f.DepartementFactory(code="26", name="Drôme", region=aura)
    f.DepartementFactory(code="07", name="Ardèche", region=aura)
    f.DepartementFactory(code="42", name="Loire", region=aura)
    tarn = f.DepartementFactory(code="81", name="Tarn", region=occitanie)
    aisne = f.DepartementFactory(code="02", name="Aisne", region=hdf)
    f.CommuneFactory(code="26281", name="Romans-sur-Isère", departement=drome, latitude=45.04, longitude=5.05)
    f.CommuneFactory(code="81065", name="Castres", departement=tarn, population=42000, latitude=43.6, longitude=2.24)
    f.CommuneFactory(code="02142", name="Castres", departement=aisne, population=246, latitude=49.8, longitude=3.2)
    f.CommuneFactory(code="42187", name="Roanne", latitude=46.03, longitude=4.07)


@pytest.fixture
def demo_poles(db):
    pollens = f.PoleFactory(slug="pollens", name="POLLENS (démo)", kind=PoleKind.RESOURCE, is_demo=True)
    museums = f.PoleFactory(
        slug="patrimoines-roannais",
        name="Réseau des patrimoines du Roannais (démo)",
        kind=PoleKind.NETWORK,
        is_demo=True,
    )
    return pollens, museums


def test_places_resolve_to_real_units_in_the_right_region_or_to_nothing(territory):
    assert unit_for_place("Castres", "Midi-Pyrénées")[:2] == ("commune", "81065")
    assert unit_for_place("Ardèche", "Rhône-Alpes")[:2] == ("departement", "07")
    assert unit_for_place("Basse-Normandie", "Basse-Normandie") is None


def test_the_demo_creates_29_ptce_and_the_poles_of_2012_on_their_territory(territory, demo_poles):
    result = seed_network_network_demo()
    assert len(result["poles_2012"]) == len(read_2012_poles()) == 18
    assert Pole.objects.filter(kind=PoleKind.PTCE).count() >= 29
    assert not Pole.objects.filter(kind=PoleKind.PTCE, is_demo=False).exists()
    archer = Pole.objects.get(slug="pole-sud-archer")
    assert archer.is_demo and TerritoryUnit.objects.get(pole=archer).code == "26281"
    assert "les plus développés" in archer.profile.context
    assert archer.profile.latitude == 45.04
    assert [r.code for r in archer.profile.regions.all()] == ["84"]
    ateliers = Pole.objects.get(slug="les-ateliers")
    assert TerritoryUnit.objects.get(pole=ateliers).code == "81065"
    assert not TerritoryUnit.objects.filter(pole__slug="ardes-mes").exists()
    assert all("démonstration" in p.name for p in result["extra_ptce"])


def test_pollens_museums_and_a_pole_de_competitivite_are_described_for_contrast(territory, demo_poles):
    seed_network_network_demo()
    pollens = PoleProfile.objects.get(pole__slug="pollens")
    assert pollens.approach == "bottom_up" and "9 %" in pollens.funding and "trois collèges" in pollens.governance
    museums = PoleProfile.objects.get(pole__slug="patrimoines-roannais")
    assert "charte" in museums.governance and museums.themes.filter(name="Patrimoine").exists()
    competitive = Pole.objects.get(slug="pole-competitivite-textile-demo")
    assert competitive.kind == PoleKind.COMPETITIVENESS and competitive.is_demo
    assert competitive.profile.approach == "top_down" and competitive.profile.innovation_kind == "technological"
    assert competitive.profile.latitude is not None  # Loire


def test_running_the_demo_twice_changes_nothing(territory, demo_poles):
    seed_network_network_demo()
    counts = (Pole.objects.count(), TerritoryUnit.objects.count(), PoleProfileChange.objects.count())
    seed_network_network_demo()
    assert (Pole.objects.count(), TerritoryUnit.objects.count(), PoleProfileChange.objects.count()) == counts


def test_the_demo_runs_without_the_roannais_poles(territory):
    result = seed_network_network_demo()
    assert result["described"] == {} and Pole.objects.filter(kind=PoleKind.PTCE).count() == 29
