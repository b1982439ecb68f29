"""governance:decisions and decisions_csv — search, filters, pagination, CSV export."""

import datetime

from django.urls import reverse

from peps.governance import services

URL = reverse("governance:decisions", kwargs={"pole": "pollens"})
CSV = reverse("governance:decisions_csv", kwargs={"pole": "pollens"})


def record(pole, title, *, body=None, year=2026):
    return services.decision_record(
        pole=pole,
        by=None,
        title=title,
        text="Texte de la décision",
        result="Adoptée",
        decided_on=datetime.date(year, 5, 1),
        body=body,
    )


def numbers(response):
    return [d.number for d in response.context["page"].items]


def test_numbers_follow_each_other_per_year(pole, other_pole):
    assert [record(pole, "A").number, record(pole, "B").number, record(pole, "C", year=2027).number] == [
        "2026-001",
        "2026-002",
        "2027-001",
    ]
    assert record(other_pole, "Ailleurs").number == "2026-001"


def test_search_and_filters(client, pole, member, board, commission):
    record(pole, "Ressourcerie du Roannais", body=board)
    record(pole, "Budget", body=commission, year=2025)
    client.force_login(member)
    assert numbers(client.get(URL, {"q": "ressourcerie"})) == ["2026-001"]
    assert numbers(client.get(URL, {"body": commission.pk})) == ["2025-001"]
    assert numbers(client.get(URL, {"year": "2026"})) == ["2026-001"]
    # Malformed parameters are ignored, never a 500.
    assert numbers(client.get(URL, {"year": "deux-mille", "body": "x", "page": "-3"})) == ["2026-001", "2025-001"]


def test_visitors_see_only_decisions_of_public_bodies(client, pole, board, commission):
    record(pole, "Publique", body=board)
    record(pole, "Interne", body=commission)
    assert numbers(client.get(URL)) == ["2026-001"]


def test_pagination_is_done_in_sql(client, pole, member, board):
    for i in range(25):
        record(pole, f"Décision {i}", body=board)
    client.force_login(member)
    first = client.get(URL)
    assert len(first.context["page"].items) == 20 and first.context["page"].has_next
    assert len(client.get(URL, {"page": 2}).context["page"].items) == 5


def test_csv_export_has_bom_semicolons_and_filters(client, pole, member, board):
    record(pole, "Ressourcerie; étude", body=board)
    record(pole, "Autre", body=board)
    client.force_login(member)
    response = client.get(CSV, {"q": "ressourcerie"})
    content = response.content.decode("utf-8")
    assert response["Content-Type"].startswith("text/csv")
    assert content.startswith("\ufeffNuméro;Date;Instance")
    assert '2026-001;2026-05-01;Conseil d’administration;"Ressourcerie; étude"' in content
    assert "Autre" not in content


def test_the_htmx_request_gets_the_partial(client, pole, board):
    record(pole, "Publique", body=board)
    response = client.get(URL, headers={"HX-Request": "true"})
    assert "<h1>" not in response.content.decode() and "2026-001" in response.content.decode()


def test_csv_export_neutralises_what_a_spreadsheet_would_run(client, pole, member, board):
    from peps.core.testing.spreadsheets import FORMULAS, assert_csv_is_inert, csv_rows

    board.name = FORMULAS[0]
    board.save()
    for formula in FORMULAS:
        services.decision_record(
            pole=pole,
            by=None,
            title=formula,
            text=formula,
            result=formula,
            decided_on=datetime.date(2026, 5, 1),
            body=board,
        )
    client.force_login(member)
    rows = csv_rows(client.get(CSV))
    assert len(rows) == 1 + len(FORMULAS)
    assert_csv_is_inert(rows, FORMULAS)
