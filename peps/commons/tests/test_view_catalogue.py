"""commons:catalogue — public list of active resources, filters by kind and search, htmx partial."""

import pytest
from django.urls import reverse

from peps.commons.models import ResourceKind
from peps.commons.tests.factories import ResourceFactory

pytestmark = pytest.mark.django_db
URL = reverse("commons:catalogue", kwargs={"pole": "pollens"})


def test_anonymous_visitor_sees_active_resources_only(client, room, pole):
    ResourceFactory(pole=pole, name="Vieux rétroprojecteur", is_active=False)
    response = client.get(URL)
    assert response.status_code == 200
    assert "Salle d’échange" in response.text
    assert "Vieux rétroprojecteur" not in response.text


def test_coordinator_also_sees_withdrawn_resources(client, pole, coordinator):
    ResourceFactory(pole=pole, name="Vieux rétroprojecteur", is_active=False)
    client.force_login(coordinator)
    response = client.get(URL)
    assert "Vieux rétroprojecteur" in response.text
    assert "Retirée des réservations" in response.text


def test_filters_by_kind_and_search(client, pole, room, van):
    ResourceFactory(pole=pole, kind=ResourceKind.BOOK, name="Comprendre l’économie sociale", author="Draperi")
    response = client.get(URL, {"kind": "book", "q": "economie"})
    assert "Comprendre l’économie sociale" in response.text
    assert "Salle d’échange" not in response.text and "Camionnette" not in response.text


def test_htmx_request_gets_the_results_only(client, room):
    response = client.get(URL, {"q": "salle"}, HTTP_HX_REQUEST="true")
    assert "Salle d’échange" in response.text
    assert "<h1>" not in response.text


def test_malformed_filters_are_ignored(client, room):
    response = client.get(URL, {"kind": "spaceship", "page": "x"})
    assert response.status_code == 200


def test_resources_of_another_pole_are_not_listed(client, pole, other_pole):
    ResourceFactory(pole=other_pole, name="Salle d’ailleurs")
    assert "Salle d’ailleurs" not in client.get(URL).text


def test_catalogue_of_forty_resources_costs_few_queries(client, pole, coordinator, django_assert_max_num_queries):
    for i in range(40):
        ResourceFactory(pole=pole, name=f"Ressource {i:02d}", kind=ResourceKind.EQUIPMENT, equipment_category="office")
    client.force_login(coordinator)
    with django_assert_max_num_queries(8):
        response = client.get(URL)
    assert response.text.count('class="card"') >= 20
