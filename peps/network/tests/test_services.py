"""network.services: the centre and regions from the territory, the fiche's history, themes."""

from peps.core.testing import factories as f
from peps.network import services
from peps.network.models import PoleProfile, PoleProfileChange
from peps.poles import services as poles_services
from peps.poles.models import TerritoryUnit


def test_the_centre_is_the_mean_of_the_communes_and_regions_come_from_them(pole):
    loire = f.DepartementFactory(code="42", name="Loire")
    f.CommuneFactory(code="42187", name="Roanne", departement=loire, latitude=46.0, longitude=4.0)
    f.CommuneFactory(code="42184", name="Riorges", departement=loire, latitude=46.2, longitude=4.2)
    f.CommuneFactory(code="42999", name="Sans position", departement=loire, latitude=None, longitude=None)
    TerritoryUnit.objects.create(pole=pole, kind="departement", code="42")
    profile = services.profile_locate(pole=pole)
    assert round(profile.latitude, 3) == 46.1 and round(profile.longitude, 3) == 4.1
    assert [r.name for r in profile.regions.all()] == ["Auvergne-Rhône-Alpes"]
    assert "auvergne-rhone-alpes" in profile.search_text and "pollens" in profile.search_text


def test_a_pole_without_territory_has_no_centre(pole):
    profile = services.profile_locate(pole=pole)
    assert profile.latitude is None and profile.regions.count() == 0


def test_the_territory_services_relocate_the_pole_after_commit(pole, django_capture_on_commit_callbacks):
    f.CommuneFactory(code="42187", name="Roanne", latitude=46.0, longitude=4.0)
    with django_capture_on_commit_callbacks(execute=True):
        unit = poles_services.territory_unit_add(pole=pole, kind="commune", code="42187")
    assert PoleProfile.objects.get(pole=pole).latitude == 46.0
    with django_capture_on_commit_callbacks(execute=True):
        poles_services.territory_unit_remove(unit=unit)
    assert PoleProfile.objects.get(pole=pole).latitude is None


def test_a_write_outside_the_services_relocates_nothing_by_itself(pole, django_capture_on_commit_callbacks):
    """No signal: code that writes units directly (the demo's bulk_create) locates explicitly."""
    f.CommuneFactory(code="42187", name="Roanne", latitude=46.0, longitude=4.0)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        TerritoryUnit.objects.create(pole=pole, kind="commune", code="42187")
    assert callbacks == []
    assert services.profile_locate(pole=pole).latitude == 46.0


def test_an_update_records_who_changed_which_fields(pole, coordinator):
    services.profile_update(pole=pole, by=coordinator, values={"purposes": "Fédérer", "approach": "bottom_up"})
    services.profile_update(pole=pole, by=coordinator, values={"purposes": "Fédérer", "approach": "bottom_up"})
    change = PoleProfileChange.objects.get()
    assert change.by == coordinator and sorted(change.fields) == ["approach", "purposes"]
    profile = PoleProfile.objects.get(pole=pole)
    assert profile.updated_by == coordinator and profile.updated_at is not None


def test_new_themes_are_matched_whatever_the_accents_and_case(pole, other_pole):
    services.profile_update(pole=pole, by=None, values={}, new_themes=["Économie circulaire"])
    services.profile_update(pole=other_pole, by=None, values={}, new_themes=["economie  circulaire"])
    assert pole.profile.themes.get() == other_pole.profile.themes.get()
    assert "economie circulaire" in PoleProfile.objects.get(pole=other_pole).search_text


def test_fields_outside_the_grids_are_ignored(pole):
    services.profile_update(pole=pole, by=None, values={"latitude": 1.0, "search_text": "x"})
    profile = PoleProfile.objects.get(pole=pole)
    assert profile.latitude is None and not PoleProfileChange.objects.exists()
