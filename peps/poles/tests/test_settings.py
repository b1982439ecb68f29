"""Pole settings: for pole administrators (and network admins) only."""

import pytest

pytestmark = pytest.mark.django_db

URL = "/p/pollens/reglages/"


def data(**changes):
    base = {
        "name": "POLLENS — Roannais",
        "short_name": "POLLENS",
        "kind": "resource",
        "legal_form": "association",
        "territory_name": "Roannais",
        "tagline": "Pôle local pour une économie nouvelle sociale et solidaire",
        "purpose": "Fédérer, développer, accompagner, promouvoir.",
        "charter": "Nous coopérons.",
        "contact_email": "contact@pollens.example.org",
        "website": "https://pollens.example.org",
    }
    return {**base, **changes}


def test_anonymous_login_coordinator_403_outsider_404(client, pole, coordinator, outsider):
    assert client.get(URL).status_code == 302
    client.force_login(coordinator)
    assert client.get(URL).status_code == 403
    client.force_login(outsider)
    assert client.get(URL).status_code == 404


def test_pole_admin_saves_settings(client, pole, pole_admin):
    client.force_login(pole_admin)
    assert client.get(URL).status_code == 200
    assert client.post(URL, data()).status_code == 302
    pole.refresh_from_db()
    assert (pole.kind, pole.territory_name, pole.charter) == ("resource", "Roannais", "Nous coopérons.")


def test_network_admin_may_edit_any_pole(client, pole, network_admin):
    client.force_login(network_admin)
    assert client.post(URL, data(name="POLLENS")).status_code == 302


def test_bad_email_keeps_the_input(client, pole, pole_admin):
    client.force_login(pole_admin)
    response = client.post(URL, data(contact_email="pas-une-adresse"))
    assert response.status_code == 200
    assert 'value="pas-une-adresse"' in response.content.decode()
