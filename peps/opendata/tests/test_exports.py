"""The downloads of /donnees/: CSV (UTF-8 with BOM, « ; ») and JSON (an array), the documented
columns, public rows and public fields only, one pole or the whole network, streamed."""

import csv
import io
import json
import tracemalloc

import pytest

from peps.core.testing import factories as f
from peps.directory.models import Structure
from peps.opendata.datasets import DATASETS

from .factories import SECRETS


def _body(response) -> bytes:
    assert response.streaming
    return b"".join(response.streaming_content)


def _csv(response) -> list[dict]:
    text = _body(response).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text), delimiter=";"))


@pytest.mark.parametrize("slug", sorted(DATASETS))
def test_csv_starts_with_a_bom_and_the_documented_columns(client, seeded, slug):
    response = client.get(f"/donnees/{slug}.csv")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    body = _body(response)
    assert body.startswith(b"\xef\xbb\xbf")
    header = body.decode("utf-8-sig").split("\r\n", 1)[0]
    assert header.split(";") == DATASETS[slug].names


@pytest.mark.parametrize("slug", sorted(DATASETS))
def test_json_is_an_array_of_objects_with_the_same_columns(client, seeded, slug):
    rows = json.loads(_body(client.get(f"/donnees/{slug}.json")))
    assert isinstance(rows, list) and rows
    assert all(list(row) == DATASETS[slug].names for row in rows)


@pytest.mark.parametrize("fmt", ["csv", "json"])
@pytest.mark.parametrize("slug", sorted(DATASETS))
def test_members_only_rows_and_fields_never_appear(client, seeded, slug, fmt):
    text = _body(client.get(f"/donnees/{slug}.{fmt}")).decode("utf-8-sig")
    for secret in SECRETS:
        assert secret not in text


def test_french_accents_survive_the_round_trip(client, seeded):
    rows = _csv(client.get("/donnees/structures.csv"))
    row = next(r for r in rows if r["slug"] == "epicerie-l-etal")
    assert row["nom"] == "Épicerie coopérative « L’Étal »"
    assert row["adresse"] == "3 place de l’Hôtel de Ville"
    assert row["email"] == "contact@letal.example.org"
    assert row["telephone"] == ""  # members only
    assert row["secteurs"] == "alimentation"
    assert row["commune_nom"] == "Roanne"
    assert row["url"].endswith("/p/pollens/annuaire/epicerie-l-etal/")


def test_public_rows_of_each_dataset(client, seeded):
    projects = _csv(client.get("/donnees/projets.csv"))
    assert [p["titre"] for p in projects] == ["Ressourcerie du Roannais"]
    events = json.loads(_body(client.get("/donnees/evenements.json")))
    assert [e["titre"] for e in events] == ["Rencontres solidaires en Roannais"]
    assert events[0]["adresse"] == "Espace Congrès"
    decisions = json.loads(_body(client.get("/donnees/decisions.json")))
    assert [(d["numero"], d["instance"]) for d in decisions] == [("2025-001", "Conseil d’administration")]
    assert decisions[0]["date"] == "2025-03-04"
    poles = json.loads(_body(client.get("/donnees/poles.json")))
    assert [p["slug"] for p in poles] == ["pollens"]
    assert poles[0]["donnees_de_demonstration"] is False


def test_one_pole_or_the_whole_network(client, seeded, other_pole):
    f.StructureFactory(pole=other_pole, name="Ailleurs", slug="ailleurs")
    network = {r["nom"] for r in _csv(client.get("/donnees/structures.csv"))}
    one_pole = {r["nom"] for r in _csv(client.get("/donnees/structures.csv?pole=pollens"))}
    assert "Ailleurs" in network and "Ailleurs" not in one_pole
    assert "Épicerie coopérative « L’Étal »" in one_pole
    other = json.loads(_body(client.get("/donnees/poles.json?pole=autre-pole")))
    assert [p["slug"] for p in other] == ["autre-pole"]
    assert "pollens" in client.get("/donnees/structures.csv?pole=pollens")["Content-Disposition"]


def test_unknown_pole_or_dataset_is_404(client, seeded):
    assert client.get("/donnees/structures.csv?pole=inconnu").status_code == 404
    assert client.get("/donnees/adherents.csv").status_code == 404
    assert client.get("/donnees/structures.xml").status_code == 404


def test_cells_that_a_spreadsheet_would_run_as_formulas_are_neutralised(client, pole):
    f.StructureFactory(pole=pole, name="=HYPERLINK(\"http://x\")", slug="formule", phone="+33 4 77 00 00 00",
                       phone_visibility="public")  # fmt: skip
    row = _csv(client.get("/donnees/structures.csv"))[0]
    assert row["nom"] == '\'=HYPERLINK("http://x")'
    assert row["telephone"] == "+33 4 77 00 00 00"
    # JSON is not read by spreadsheets: the value stays as it is.
    assert json.loads(_body(client.get("/donnees/structures.json")))[0]["nom"] == '=HYPERLINK("http://x")'


def test_queries_do_not_grow_with_the_rows(client, pole, django_assert_max_num_queries):
    Structure.objects.bulk_create(
        [Structure(pole=pole, name=f"Structure {n}", slug=f"s-{n}", legal_form="association") for n in range(300)]
    )
    # The rows (one query), their sectors (one query per chunk of 2,000), the pole filter.
    with django_assert_max_num_queries(3):
        assert len(_csv(client.get("/donnees/structures.csv?pole=pollens"))) == 300


def _peak_while_exporting(client) -> int:
    tracemalloc.start()
    try:
        size = 0
        for chunk in client.get("/donnees/structures.csv").streaming_content:
            size += len(chunk)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


@pytest.mark.slow
def test_memory_stays_flat_when_the_export_grows_fivefold(client, pole):
    def add(count: int, start: int) -> None:
        Structure.objects.bulk_create(
            [
                Structure(
                    pole=pole,
                    name=f"Structure solidaire n° {n}",
                    slug=f"s-{n}",
                    legal_form="scop",
                    summary="Une coopérative du territoire, où l’on décide ensemble.",
                )  # fmt: skip
                for n in range(start, start + count)
            ],
            batch_size=2000,
        )

    # Under tracemalloc every allocation is counted: fivefold (not tenfold) is as telling at
    # half the time (20 s of CPU for 22,000 rows).
    add(2000, 0)
    small = _peak_while_exporting(client)
    add(8000, 2000)
    large = _peak_while_exporting(client)
    # Five times the rows; a buffered export would need about five times the memory.
    assert large < 2 * small, f"peak {small} bytes for 2,000 rows, {large} bytes for 10,000"
