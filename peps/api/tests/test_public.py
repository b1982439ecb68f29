"""Read endpoints for public data: pagination in SQL, filters, the same columns as the exports,
never a members-only row or field, 404 for hidden rows, and a bounded number of queries."""

import pytest

from peps.core.testing import factories as f
from peps.directory.models import Structure
from peps.opendata.datasets import DATASETS
from peps.opendata.tests.factories import SECRETS

ENDPOINTS = {"structures": "structures", "projets": "projets", "evenements": "evenements",
             "decisions": "decisions", "poles": "poles"}  # fmt: skip


@pytest.mark.parametrize("slug", sorted(ENDPOINTS))
def test_list_has_the_export_columns_and_no_members_only_value(client, seeded, slug):
    response = client.get(f"/api/{ENDPOINTS[slug]}")
    assert response.status_code == 200
    page = response.json()
    assert page["results"]
    assert all(list(row) == DATASETS[slug].names for row in page["results"])
    for secret in SECRETS:
        assert secret not in response.content.decode()


def test_structure_shows_public_contact_details_only(client, seeded):
    row = client.get(f"/api/structures/{seeded['structure'].pk}").json()
    assert row["nom"] == "Épicerie coopérative « L’Étal »"
    assert row["email"] == "contact@letal.example.org"
    assert row["telephone"] == ""
    assert row["secteurs"] == "alimentation"


@pytest.mark.parametrize(
    "path",
    ["/api/projets/{hidden_project}", "/api/evenements/{hidden_event}", "/api/decisions/{hidden_decision}",
     "/api/structures/{inactive}", "/api/structures/999999", "/api/poles/nulle-part"],
)  # fmt: skip
def test_hidden_or_missing_rows_are_404_in_french(client, seeded, path):
    url = path.format(**{k: getattr(v, "pk", "") for k, v in seeded.items()})
    response = client.get(url)
    assert response.status_code == 404
    assert response.json()["detail"].startswith("Introuvable")


def test_pagination_with_limit_and_offset(client, pole):
    Structure.objects.bulk_create(
        [Structure(pole=pole, name=f"S{n:02d}", slug=f"s{n}", legal_form="scop") for n in range(45)]
    )
    first = client.get("/api/structures?limit=20").json()
    assert (first["count"], first["limit"], first["offset"], len(first["results"])) == (45, 20, 0, 20)
    assert "offset=20" in first["next"]
    last = client.get("/api/structures?limit=20&offset=40").json()
    assert len(last["results"]) == 5 and last["next"] is None
    ids = [r["id"] for r in first["results"]] + [r["id"] for r in client.get(first["next"]).json()["results"]]
    assert ids == sorted(ids) and len(set(ids)) == 40


def test_filters_by_pole_commune_sector_kind_and_search(client, seeded, other_pole):
    f.StructureFactory(pole=other_pole, name="Ailleurs", slug="ailleurs", legal_form="scop")
    names = lambda query: [r["nom"] for r in client.get("/api/structures?" + query).json()["results"]]  # noqa: E731
    assert "Ailleurs" in names("") and "Ailleurs" not in names("pole=pollens")
    assert names("commune=42187") == ["Épicerie coopérative « L’Étal »"]
    assert names("secteur=alimentation") == ["Épicerie coopérative « L’Étal »"]
    assert names("forme_juridique=scop") == ["Ailleurs"]
    assert names("q=epicerie") == ["Épicerie coopérative « L’Étal »"]
    assert client.get("/api/projets?domaine=food&q=ressourcerie").json()["count"] == 1
    assert client.get("/api/evenements?type=rencontres&a_venir=true").json()["count"] == 1
    assert client.get("/api/decisions?annee=2025&instance_type=board").json()["count"] == 1
    assert client.get("/api/poles?type=ptce").json()["count"] == 2


def test_unknown_pole_filter_is_404_and_bad_parameters_422_in_french(client, seeded):
    assert client.get("/api/structures?pole=inconnu").status_code == 404
    response = client.get("/api/structures?limit=1000&commune=Roanne")
    assert response.status_code == 422
    body = response.json()
    assert body["detail"] == "Paramètres invalides."
    assert {e["champ"] for e in body["erreurs"]} == {"limit", "commune"}
    assert "au plus 100" in " ".join(e["message"] for e in body["erreurs"])
    assert client.get("/api/structures/abc").status_code == 422
    assert client.get("/api/structures?q=%00%00").status_code == 200


@pytest.mark.parametrize("slug", sorted(ENDPOINTS))
def test_queries_stay_constant_on_a_full_page(client, pole, commune, slug, django_assert_max_num_queries):
    from peps.opendata.tests.factories import seed_open_data

    seed_open_data(pole, commune)
    Structure.objects.bulk_create(
        [Structure(pole=pole, name=f"S{n}", slug=f"s{n}", legal_form="scop") for n in range(40)]
    )
    # Pole lookup, rows, capped count, sectors of the page.
    with django_assert_max_num_queries(4):
        assert client.get(f"/api/{ENDPOINTS[slug]}?pole=pollens&limit=40").status_code == 200


def test_openapi_description_is_served(client):
    schema = client.get("/api/openapi.json").json()
    assert schema["info"]["title"] == "API de PEPS" and schema["info"]["version"] == "1"
    assert "/api/structures" in schema["paths"] and "/api/offres" in schema["paths"]
