"""The network's legal pages: accessibility statement and privacy."""

import pytest

pytestmark = pytest.mark.django_db


def test_accessibility_statement(client):
    html = client.get("/accessibilite/").content.decode()
    assert html.count("<h1>") == 1
    assert "partiellement conforme" in html
    assert "axe-core" in html
    assert "Défenseur des droits" in html


def test_privacy_page(client):
    html = client.get("/confidentialite/").content.decode()
    assert html.count("<h1>") == 1
    assert "Adhésions et cotisations" in html
    assert "comptes de l’association" in html
