"""Error pages are in the site layout, in French, and never leak a traceback."""

import pytest


@pytest.mark.django_db
def test_unknown_page_gives_a_french_404_in_the_layout(client):
    response = client.get("/p/pole-qui-n-existe-pas/")
    assert response.status_code == 404
    body = response.content.decode()
    assert "Page introuvable" in body
    assert 'lang="fr"' in body
    assert "Aller au contenu" in body


@pytest.mark.django_db
def test_hello_view_for_the_benchmark(client):
    assert client.get("/hello/").content == b"hello"


@pytest.mark.django_db
def test_language_switch_sets_the_cookie_and_refuses_foreign_redirects(client):
    response = client.get("/langue/en/?next=https://evil.example/")
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert response.cookies["django_language"].value == "en"
