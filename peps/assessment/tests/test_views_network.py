"""Network pages: only network administrators manage campaigns; results (aggregates) are for
members of invited poles, and for everyone once the campaign is closed; exports."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from peps.assessment.models import AnswerEventKind, AnswerStatus, Campaign, CampaignStatus
from peps.core.testing import factories as f

from . import factories as af


def test_campaign_pages_are_for_network_admins_only(client, coordinator, campaign):
    for url in [
        reverse("assessment:list"),
        reverse("assessment:create"),
        reverse("assessment:detail", args=[campaign.pk]),
        reverse("assessment:edit", args=[campaign.pk]),
    ]:
        assert client.get(url).status_code == 302  # anonymous → login
        client.force_login(coordinator)
        assert client.get(url).status_code == 403
        client.logout()
    client.force_login(coordinator)
    assert client.post(reverse("assessment:close", args=[campaign.pk])).status_code == 403


def test_admin_creates_a_campaign_then_opens_it(client, network_admin, version, pole, other_pole):
    client.force_login(network_admin)
    assert client.get(reverse("assessment:create")).status_code == 200
    response = client.post(
        reverse("assessment:create"),
        {
            "title": "Autoévaluation 2025",
            "version": version.pk,
            "opens_on": "2025-01-06",
            "closes_on": "2025-03-28",
            "invited_poles": [pole.pk],
            "max_most_important": "10",
            "reminder_days": "7",
        },
    )
    campaign = Campaign.objects.get(title="Autoévaluation 2025")
    assert response.status_code == 302
    assert list(campaign.invited_poles.all()) == [pole]
    client.post(reverse("assessment:open", args=[campaign.pk]))
    campaign.refresh_from_db()
    version.refresh_from_db()
    assert campaign.status == CampaignStatus.OPEN and version.is_frozen
    page = client.get(reverse("assessment:detail", args=[campaign.pk]))
    assert page.status_code == 200
    assert "Pas commencée" in page.content.decode()


def test_bad_campaign_input_keeps_what_was_typed_with_french_messages(client, network_admin, version):
    client.force_login(network_admin)
    response = client.post(
        reverse("assessment:create"),
        {
            "title": "Garde-moi",
            "version": version.pk,
            "opens_on": "2025-03-01",
            "closes_on": "2025-01-01",
            "reminder_days": "x",
        },
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert "La date de clôture doit suivre la date d’ouverture." in content
    assert "Demandez au moins le choix" in content
    assert 'value="Garde-moi"' in content


def test_admin_reopens_a_submitted_answer_with_a_reason(client, network_admin, campaign, pole):
    answer = af.answer(campaign, pole, af.full_levels(campaign.version))
    url = reverse("assessment:reopen", args=[campaign.pk, answer.pk])
    client.force_login(network_admin)
    assert client.post(url, {"reason": ""}).status_code == 200
    assert client.post(url, {"reason": "Erreur de saisie signalée par le pôle"}).status_code == 302
    answer.refresh_from_db()
    assert answer.status == AnswerStatus.DRAFT
    assert answer.events.filter(kind=AnswerEventKind.REOPENED).exists()


def test_a_coordinator_cannot_reopen(client, coordinator, campaign, pole):
    answer = af.answer(campaign, pole, af.full_levels(campaign.version))
    client.force_login(coordinator)
    assert client.post(reverse("assessment:reopen", args=[campaign.pk, answer.pk]), {"reason": "x"}).status_code == 403


def test_results_are_for_members_of_invited_poles_while_open(client, campaign, pole, member, citizen, version):
    af.answer(campaign, pole, af.full_levels(version), chosen={"a1"})
    url = reverse("assessment:results", args=[campaign.pk])
    assert client.get(url).status_code == 302
    client.force_login(citizen)
    assert client.get(url).status_code == 404
    client.force_login(member)
    response = client.get(url)
    assert response.status_code == 200
    assert "Indicateur a1" in response.content.decode()


def test_results_are_public_once_the_campaign_is_closed(client, campaign, pole, version):
    af.answer(campaign, pole, af.full_levels(version), chosen={"a1"})
    campaign.status = CampaignStatus.CLOSED
    campaign.save()
    response = client.get(reverse("assessment:results", args=[campaign.pk]))
    assert response.status_code == 200
    assert '<svg xmlns="http://www.w3.org/2000/svg" class="chart chart-bars"' in response.content.decode()


def test_results_of_a_draft_campaign_are_hidden_even_from_invited_members(client, pole, member, version):
    campaign = af.campaign([pole], version=version, open_it=False)
    client.force_login(member)
    assert client.get(reverse("assessment:results", args=[campaign.pk])).status_code == 404


def test_results_page_never_shows_a_pole_detailed_answer(client, campaign, pole, other_pole, member, version):
    af.answer(campaign, other_pole, af.full_levels(version, 4))
    client.force_login(member)
    content = client.get(reverse("assessment:results", args=[campaign.pk])).content.decode()
    assert other_pole.name not in content


def test_exports_csv_with_bom_and_semicolons_xlsx_and_svg(client, network_admin, campaign, pole, version):
    af.answer(campaign, pole, af.full_levels(version, 3), chosen={"b1"})
    client.force_login(network_admin)
    response = client.get(reverse("assessment:csv", args=[campaign.pk]))
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))
    assert rows[0][:3] == ["Rang", "Code", "Indicateur"]
    assert rows[1][:2] == ["1", "b1"] and rows[1][5] == "100,0"
    objectives = client.get(reverse("assessment:csv", args=[campaign.pk]) + "?tableau=objectifs").content.decode()
    assert "Médiane" in objectives
    workbook = load_workbook(io.BytesIO(client.get(reverse("assessment:xlsx", args=[campaign.pk])).content))
    assert workbook.sheetnames == ["Classement", "Objectifs", "Participation"]
    assert workbook["Participation"]["C2"].value == 50.0
    for name in ("ranking_svg", "radar_svg"):
        response = client.get(reverse(f"assessment:{name}", args=[campaign.pk]))
        assert response["Content-Type"].startswith("image/svg+xml")
        assert b"<title id=" in response.content and b"<desc id=" in response.content


@pytest.mark.parametrize("count", [30, 100])
def test_results_page_queries_stay_constant_with_many_poles(
    client, network_admin, version, count, django_assert_max_num_queries
):
    poles = [f.PoleFactory() for _ in range(count)]
    campaign = af.campaign(poles, version=version)
    for i, pole in enumerate(poles):
        af.answer(campaign, pole, {code: (i + n) % 5 for n, code in enumerate(af.full_levels(version))}, chosen={"a1"})
    client.force_login(network_admin)
    with django_assert_max_num_queries(12):
        assert client.get(reverse("assessment:results", args=[campaign.pk])).status_code == 200
    with django_assert_max_num_queries(10):
        assert client.get(reverse("assessment:detail", args=[campaign.pk])).status_code == 200
    with django_assert_max_num_queries(10):
        assert client.get(reverse("assessment:list")).status_code == 200


def test_exports_neutralise_what_a_spreadsheet_would_run(client, network_admin, campaign, pole, version):
    from peps.core.testing.spreadsheets import FORMULAS, assert_csv_is_inert, assert_xlsx_is_inert, csv_rows
    from peps.referentials.models import Item

    # Labels come from the referential, which administrators type or import.
    planted = [value for value in FORMULAS if "\r" not in value]  # XML reads a CR back as LF
    items = list(Item.objects.filter(version=version, depth__gt=0).order_by("position"))
    for item, formula in zip(items, planted * 2, strict=False):
        Item.objects.filter(pk=item.pk).update(label=formula, theme=formula)
    af.answer(campaign, pole, af.full_levels(version, 3), chosen={"a1", "b1"})
    client.force_login(network_admin)
    csv_url = reverse("assessment:csv", args=[campaign.pk])
    ranking = csv_rows(client.get(csv_url))
    objectives = csv_rows(client.get(csv_url + "?tableau=objectifs"))
    assert_csv_is_inert(ranking + objectives, [])
    assert any(cell.startswith("'") for row in ranking[1:] for cell in row)
    assert any(cell.startswith("'") for row in objectives[1:] for cell in row)
    assert_xlsx_is_inert(client.get(reverse("assessment:xlsx", args=[campaign.pk])).content, [])
    workbook = load_workbook(io.BytesIO(client.get(reverse("assessment:xlsx", args=[campaign.pk])).content))
    labels = [cell.value for sheet in workbook.worksheets for row in sheet.iter_rows() for cell in row]
    assert set(planted) & set(labels), labels
