"""The territory page: its units, population, communes paginated and sortable."""

import pytest

from peps.core.testing import factories as f
from peps.poles.models import TerritoryUnit

pytestmark = pytest.mark.django_db


def test_units_population_and_communes_count(client, small_territory):
    response = client.get("/p/pollens/territoire/")
    html = response.content.decode()
    assert "Arrondissement de Roanne (422)" in html
    # A unit loaded without a label gets the commune's name from the territory tables.
    assert "Thizy-les-Bourgs (69248)" in html
    assert "<strong>49\xa0700</strong> habitants" in html
    assert "<strong>4</strong> communes" in html
    assert "Hors territoire" not in html


def test_commune_rows_show_insee_code_population_epci_and_departement(client, small_territory):
    html = client.get("/p/pollens/territoire/").content.decode()
    assert "42187" in html and "34\xa0000" in html
    assert "CA Roannais Agglomération" in html
    assert "Rhône (69)" in html


def test_sorted_by_name_by_default_and_by_population_on_request(client, small_territory):
    names = [c.name for c in client.get("/p/pollens/territoire/").context["page"].items]
    assert names == ["Ambierle", "Mably", "Roanne", "Thizy-les-Bourgs"]
    names = [c.name for c in client.get("/p/pollens/territoire/?tri=-population").context["page"].items]
    assert names == ["Roanne", "Mably", "Thizy-les-Bourgs", "Ambierle"]


def test_malformed_parameters_are_ignored(client, small_territory):
    response = client.get("/p/pollens/territoire/?tri=%27;drop&page=abc")
    assert response.status_code == 200
    assert len(response.context["page"].items) == 4


def test_htmx_request_gets_the_communes_partial(client, small_territory):
    response = client.get("/p/pollens/territoire/?tri=population", HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert '<section id="communes"' in html and "<h1>" not in html


def test_pole_without_territory(client, pole):
    html = client.get("/p/pollens/territoire/").content.decode()
    assert "pas encore décrit" in html


def test_edit_link_for_coordinators_only(client, pole, coordinator, member):
    client.force_login(member)
    assert "/territoire/modifier/" not in client.get("/p/pollens/territoire/").content.decode()
    client.force_login(coordinator)
    assert "/territoire/modifier/" in client.get("/p/pollens/territoire/").content.decode()


def test_fifty_communes_paginated_in_bounded_queries(client, pole, django_assert_max_num_queries):
    for n in range(60):
        f.CommuneFactory(code=f"43{n:03d}", name=f"Commune {n:02d}", population=100 + n)
    TerritoryUnit.objects.create(pole=pole, kind="departement", code="42", label="Loire")
    client.get("/p/pollens/territoire/")  # warms the figures cache
    with django_assert_max_num_queries(4):
        response = client.get("/p/pollens/territoire/")
    page = response.context["page"]
    assert len(page.items) == 50 and page.num_pages == 2 and page.has_next
    assert len(client.get("/p/pollens/territoire/?page=2").context["page"].items) == 10
