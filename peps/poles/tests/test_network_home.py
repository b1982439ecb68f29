"""The network home page: poles, filter by kind, cached key figures."""

import pytest

from peps.core.testing import factories as f

pytestmark = pytest.mark.django_db


def test_lists_poles_with_kind_territory_tagline_and_demo_badge(client):
    f.PoleFactory(name="POLLENS", kind="resource", territory_name="Roannais", tagline="Fédérer l’ESS", is_demo=True)
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "POLLENS" in html
    assert "Roannais" in html and "Fédérer l’ESS" in html
    assert "Pôle ressource" in html
    assert "Données de démonstration" in html
    assert "31 juillet 2014" in html


def test_filter_by_kind_keeps_only_that_kind(client):
    f.PoleFactory(name="Réseau des patrimoines", kind="network")
    f.PoleFactory(name="Pôle du Forez", kind="ptce")
    html = client.get("/?type=network").content.decode()
    assert "Réseau des patrimoines" in html
    assert "Pôle du Forez" not in html


def test_malformed_kind_is_ignored(client):
    f.PoleFactory(name="Pôle du Forez", kind="ptce")
    response = client.get("/?type=%00nimportequoi")
    assert response.status_code == 200
    assert "Pôle du Forez" in response.content.decode()


def test_key_figures_are_always_current(client, django_assert_max_num_queries):
    f.PoleFactory()
    assert "<strong>1</strong> pôle<" in client.get("/").content.decode()
    f.PoleFactory()
    # Counted on each request (index scans), so a new pole shows at once, in a bounded number of queries.
    with django_assert_max_num_queries(6):
        response = client.get("/")
    html = response.content.decode()
    assert "<strong>2</strong> pôles<" in html
    assert html.count('class="card"') == 2


def test_twenty_poles_in_few_queries(client, django_assert_max_num_queries):
    for n in range(20):
        f.PoleFactory(name=f"Pôle {n:02d}", territory_name=f"Territoire {n}")
    with django_assert_max_num_queries(5):
        response = client.get("/")
    assert response.content.decode().count('class="card"') == 20


def test_key_figures_leave_out_closed_structures_and_accounts_in_one_query(client, django_assert_max_num_queries):
    pole = f.PoleFactory()
    f.StructureFactory(pole=pole)
    f.StructureFactory(pole=pole, is_active=False)
    f.UserFactory()
    f.UserFactory(is_active=False)
    with django_assert_max_num_queries(2):
        figures = client.get("/").context["figures"]
    assert figures == {"poles": 1, "structures": 1, "people": 1, "projects": 0}


def test_without_any_pole_the_figures_are_zero_but_people(client):
    f.UserFactory()
    assert client.get("/").context["figures"] == {"poles": 0, "structures": 0, "people": 1, "projects": 0}
