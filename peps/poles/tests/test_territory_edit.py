"""Editing the territory: add a unit checked against the tables, remove one with confirmation."""

import pytest

from peps.core.testing import factories as f
from peps.poles.models import TerritoryUnit

pytestmark = pytest.mark.django_db

URL = "/p/pollens/territoire/modifier/"


def test_anonymous_is_sent_to_login(client, pole):
    response = client.get(URL)
    assert response.status_code == 302 and "/compte/login/" in response["Location"]


def test_member_is_refused(client, pole, member):
    client.force_login(member)
    assert client.get(URL).status_code == 403


def test_outsider_gets_404(client, pole, outsider):
    client.force_login(outsider)
    assert client.get(URL).status_code == 404


def test_coordinator_adds_a_departement_and_figures_follow(client, small_territory, coordinator):
    client.force_login(coordinator)
    assert client.get(URL).status_code == 200
    response = client.post(URL, {"kind": "departement", "code": "42"})
    assert response.status_code == 302
    unit = TerritoryUnit.objects.get(pole=small_territory, kind="departement")
    assert unit.label == "Loire"
    # The cached figures were dropped: the extra commune of the Loire now counts.
    assert client.get("/p/pollens/territoire/").context["figures"]["communes"] == 5


def test_unknown_code_gives_a_clear_error_and_keeps_the_input(client, pole, coordinator):
    client.force_login(coordinator)
    response = client.post(URL, {"kind": "epci", "code": "999999999"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Code inconnu" in html and 'value="999999999"' in html
    assert not TerritoryUnit.objects.exists()


def test_same_unit_twice_is_refused(client, small_territory, coordinator):
    client.force_login(coordinator)
    response = client.post(URL, {"kind": "arrondissement", "code": "422"})
    assert "déjà partie du territoire" in response.content.decode()


def test_removal_asks_confirmation_then_removes(client, small_territory, coordinator):
    unit = TerritoryUnit.objects.get(pole=small_territory, kind="commune")
    url = f"/p/pollens/territoire/{unit.pk}/retirer/"
    client.force_login(coordinator)
    assert "Oui, retirer" in client.get(url).content.decode()
    assert TerritoryUnit.objects.filter(pk=unit.pk).exists()
    assert client.post(url).status_code == 302
    assert not TerritoryUnit.objects.filter(pk=unit.pk).exists()


def test_unit_of_another_pole_is_404(client, pole, other_pole, coordinator):
    f.CommuneFactory(code="42187", name="Roanne")
    unit = TerritoryUnit.objects.create(pole=other_pole, kind="commune", code="42187")
    client.force_login(coordinator)
    assert client.post(f"/p/pollens/territoire/{unit.pk}/retirer/").status_code == 404
    assert TerritoryUnit.objects.filter(pk=unit.pk).exists()


def test_member_cannot_remove(client, small_territory, member):
    unit = TerritoryUnit.objects.filter(pole=small_territory).first()
    client.force_login(member)
    assert client.post(f"/p/pollens/territoire/{unit.pk}/retirer/").status_code == 403
