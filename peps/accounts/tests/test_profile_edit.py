"""Editing my profile: commune by name, visibilities, search text kept up to date."""

import pytest

pytestmark = pytest.mark.django_db

URL = "/profil/modifier/"


def data(**changes):
    base = {
        "display_name": "Célia Martin",
        "first_name": "Célia",
        "last_name": "Martin",
        "commune": "Roanne (42)",
        "skills": "Comptabilité associative",
        "offer": "Deux heures par semaine",
        "bio": "",
        "phone": "04 77 00 00 00",
        "profile_visibility": "public",
        "email_visibility": "coordinators",
        "phone_visibility": "members",
    }
    return {**base, **changes}


def test_anonymous_is_sent_to_login(client):
    assert client.get(URL).status_code == 302


def test_saves_profile_and_search_text(client, citizen, commune):
    client.force_login(citizen)
    assert client.get(URL).status_code == 200
    response = client.post(URL, data())
    assert response.status_code == 302
    citizen.refresh_from_db()
    assert citizen.commune == commune
    assert citizen.profile_visibility == "public"
    assert citizen.search_text == "celia martin comptabilite associative deux heures par semaine roanne"


def test_unknown_commune_is_a_form_error_keeping_the_input(client, citizen, commune):
    client.force_login(citizen)
    response = client.post(URL, data(commune="Atlantide (99)"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Commune inconnue" in html
    assert 'value="Atlantide (99)"' in html
    citizen.refresh_from_db()
    assert citizen.commune is None


def test_display_name_is_required(client, citizen):
    client.force_login(citizen)
    response = client.post(URL, data(display_name=""))
    assert response.status_code == 200
    citizen.refresh_from_db()
    assert citizen.display_name == "Célia"


def test_bad_visibility_is_refused(client, citizen):
    client.force_login(citizen)
    assert client.post(URL, data(profile_visibility="everyone")).status_code == 200
