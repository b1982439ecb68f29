"""Funding pages: the board reads, the coordination edits; members 403, outsiders 404."""

from decimal import Decimal

import pytest
from django.urls import reverse

from peps.core.testing import factories as f
from peps.funding.models import FundingLine
from peps.funding.tests.factories import FundingLineFactory, fee

pytestmark = pytest.mark.django_db

NB = "\u00a0"


def url(name, **kwargs):
    return reverse(f"funding:{name}", kwargs={"pole": "pollens", **kwargs})


@pytest.fixture
def board(pole):
    return f.member_of(pole, role="board", email="bea.bureau@example.org")


def test_anonymous_is_sent_to_login(client, pole):
    assert client.get(url("index")).status_code == 302


def test_member_gets_403_and_outsider_404_everywhere(client, pole, member, outsider):
    line = FundingLineFactory(pole=pole)
    pages = [url("index"), url("year", year=2025), url("add"), url("edit", pk=line.pk), url("delete", pk=line.pk)]
    for user, status in ((member, 403), (outsider, 404)):
        client.force_login(user)
        for page in pages:
            assert client.get(page).status_code == status, page
        assert client.post(url("delete", pk=line.pk)).status_code == status
    assert FundingLine.objects.exists()


def test_board_reads_but_does_not_edit(client, pole, board):
    line = FundingLineFactory(pole=pole)
    client.force_login(board)
    page = client.get(url("year", year=2025)).content.decode()
    assert "Roannais Agglomération" in page and "Modifier" not in page
    assert client.get(url("add")).status_code == 403
    assert client.post(url("edit", pk=line.pk), {"amount": "1"}).status_code == 403


def test_line_of_another_pole_is_404(client, pole, other_pole, coordinator):
    line = FundingLineFactory(pole=other_pole)
    client.force_login(coordinator)
    assert client.get(url("edit", pk=line.pk)).status_code == 404


def test_year_page_shows_the_mix_in_french_money(client, pole, coordinator):
    fee(pole, "1234.50")
    FundingLineFactory(pole=pole, amount=Decimal("12476.50"))
    client.force_login(coordinator)
    html = client.get(url("year", year=2025)).content.decode()
    assert f"1{NB}234,50{NB}€" in html
    assert f"13{NB}711,00{NB}€" in html  # the total
    assert "<svg" in html and 'role="img"' in html and "<title" in html
    assert f"91{NB}%" in html  # public share


def test_year_out_of_range_is_404(client, pole, coordinator):
    client.force_login(coordinator)
    assert client.get(url("year", year=3000)).status_code == 404


def test_coordinator_records_a_grant_typed_the_french_way(client, pole, coordinator):
    client.force_login(coordinator)
    response = client.post(
        url("add"),
        {"year": "2025", "kind": "grant", "funder_kind": "europe", "funder_name": "FSE", "amount": "12 500,50 €"},
    )
    assert response.status_code == 302 and response["Location"] == url("year", year=2025)
    line = FundingLine.objects.get()
    assert line.amount == Decimal("12500.50") and line.is_public


def test_errors_keep_what_was_typed(client, pole, coordinator):
    client.force_login(coordinator)
    response = client.post(url("add"), {"year": "2025", "kind": "grant", "funder_name": "Mairie", "amount": "douze"})
    html = response.content.decode()
    assert response.status_code == 200 and not FundingLine.objects.exists()
    assert "indiquez le type de financeur" in html and "Indiquez un montant en euros" in html
    assert 'value="Mairie"' in html and 'value="douze"' in html


def test_edit_and_delete(client, pole, coordinator):
    line = FundingLineFactory(pole=pole, amount=Decimal("1000"))
    client.force_login(coordinator)
    assert f'value="1{NB}000,00"' in client.get(url("edit", pk=line.pk)).content.decode()
    data = {"year": "2025", "kind": "grant", "funder_kind": "region", "funder_name": "Région", "amount": "2000"}
    assert client.post(url("edit", pk=line.pk), data).status_code == 302
    line.refresh_from_db()
    assert (line.amount, line.funder_kind) == (Decimal("2000"), "region")
    assert "Supprimer" in client.get(url("delete", pk=line.pk)).content.decode()
    client.post(url("delete", pk=line.pk))
    assert not FundingLine.objects.exists()


def test_pages_queries_are_bounded_with_many_lines(client, pole, coordinator, django_assert_max_num_queries):
    for index in range(36):
        FundingLineFactory(pole=pole, year=2018 + index % 9, amount=Decimal(1000 + index))
    for index in range(10):
        fee(pole, 50, year=2018 + index % 9)
    client.force_login(coordinator)
    with django_assert_max_num_queries(12):
        response = client.get(url("index"))
    assert len(response.context["years"]) == 9
    with django_assert_max_num_queries(12):
        client.get(url("year", year=2020))


def test_overview_ignores_a_malformed_range(client, pole, coordinator):
    FundingLineFactory(pole=pole, year=2024)
    client.force_login(coordinator)
    response = client.get(url("index"), {"de": "abc", "a": "2025"})
    assert response.status_code == 200
