"""The pipeline board's cards (holder, time in stage, new ideas) and projects:board_move,
the « Déplacer » menu of a card (also what a drag and drop submits)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from peps.core.testing import factories as f
from peps.projects.board import since_label
from peps.projects.models import Project, RequestKind, StageChange, SupportLogEntry
from peps.projects.stages import Stage

BOARD = reverse("projects:board", kwargs={"pole": "pollens"})


def move_url(project):
    return reverse("projects:board_move", kwargs={"pole": "pollens", "pk": project.pk})


@pytest.mark.parametrize(
    ("days", "label"),
    [
        (0, "depuis aujourd’hui"),
        (1, "depuis hier"),
        (5, "depuis 5 jours"),
        (21, "depuis 3 semaines"),
        (95, "depuis 3 mois"),
        (800, "depuis 2 ans"),
    ],
)
def test_time_in_stage_reads_as_a_sentence(days, label):
    assert since_label(days) == label


def test_cards_show_holder_time_in_stage_and_new_ideas(client, pole, coordinator, project):
    read = f.ProjectFactory(pole=pole, title="Idée déjà ouverte", coordination_opened_at=timezone.now())
    # A request kind or a log entry says nothing about reading: only the opening counts.
    logged = f.ProjectFactory(pole=pole, title="Idée avec un type de demande", request_kind=RequestKind.RELAY)
    SupportLogEntry.objects.create(
        project=logged, author=coordinator, kind="meeting", happened_on=timezone.localdate(), text="RDV"
    )
    Project.objects.filter(pk=read.pk).update(stage_changed_at=timezone.now() - datetime.timedelta(days=21))
    client.force_login(coordinator)
    response = client.get(BOARD)
    cards = {card.title: card for card in response.context["columns"][0]["projects"]}
    assert cards["Recyclerie du Roannais"].holder == "Hugo"
    assert cards["Recyclerie du Roannais"].is_new
    assert not cards["Idée déjà ouverte"].is_new
    assert cards["Idée avec un type de demande"].is_new
    content = response.content.decode()
    assert "Porté par Hugo" in content
    assert "depuis 3 semaines" in content
    assert "depuis aujourd’hui" in content
    assert content.count("Nouvelle, pas encore ouverte") == 2


def test_the_new_mark_goes_once_a_coordinator_of_the_pole_opens_the_project(
    client, pole, coordinator, member, holder, outsider, project
):
    detail = project.get_absolute_url()
    # The holder, a member and a coordinator of another pole open the page: still new.
    for person in (holder, member, outsider):
        client.force_login(person)
        client.get(detail)
    project.refresh_from_db()
    assert project.coordination_opened_at is None
    client.force_login(coordinator)
    assert [c.is_new for c in client.get(BOARD).context["columns"][0]["projects"]] == [True]

    assert client.get(detail).status_code == 200
    project.refresh_from_db()
    first_opening = project.coordination_opened_at
    assert first_opening is not None
    assert [c.is_new for c in client.get(BOARD).context["columns"][0]["projects"]] == [False]
    assert "Nouvelle, pas encore ouverte" not in client.get(BOARD).content.decode()
    # Opening it again keeps the first date.
    client.get(detail)
    project.refresh_from_db()
    assert project.coordination_opened_at == first_opening


def test_paused_and_redirected_stand_apart_from_the_path(client, pole, coordinator):
    f.ProjectFactory(pole=pole, stage=Stage.PAUSED, title="Projet en pause")
    client.force_login(coordinator)
    response = client.get(BOARD)
    assert [c["stage"] for c in response.context["aside_columns"]] == [Stage.PAUSED, Stage.REDIRECTED]
    assert Stage.PAUSED not in [c["stage"] for c in response.context["main_columns"]]
    content = response.content.decode()
    assert content.index("En dehors du parcours") < content.index("Projet en pause")


def test_a_card_offers_only_the_moves_its_stage_allows(client, coordinator, project):
    client.force_login(coordinator)
    content = client.get(BOARD).content.decode()
    assert f'id="move-{project.pk}-stage"' in content
    assert '<option value="structuring">' in content
    assert '<option value="paused" data-needs-reason>' in content
    assert '<option value="launch"' not in content


def test_moving_a_card_with_htmx_answers_the_board_and_keeps_the_filters(client, coordinator, project):
    client.force_login(coordinator)
    response = client.post(
        move_url(project),
        {"move-to_stage": Stage.STRUCTURING, "domain": project.domain},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    project.refresh_from_db()
    assert project.stage == Stage.STRUCTURING
    assert StageChange.objects.filter(project=project, to_stage=Stage.STRUCTURING, by=coordinator).exists()
    content = response.content.decode()
    assert content.startswith('\n<div id="board"') or '<div id="board"' in content[:400]
    assert "passe à l’étape « Structuration de l’idée »" in content
    assert "<html" not in content
    assert f'name="domain" value="{project.domain}"' in content


def test_a_move_that_needs_a_reason_is_refused_with_a_message(client, coordinator, project):
    client.force_login(coordinator)
    response = client.post(move_url(project), {"move-to_stage": Stage.PAUSED}, HTTP_HX_REQUEST="true")
    project.refresh_from_db()
    assert project.stage == Stage.SUBMITTED
    content = response.content.decode()
    assert "n’a pas été déplacé" in content
    assert "Indiquez le motif" in content


def test_a_forbidden_move_changes_nothing(client, coordinator, project):
    client.force_login(coordinator)
    client.post(move_url(project), {"move-to_stage": Stage.LAUNCH})
    project.refresh_from_db()
    assert project.stage == Stage.SUBMITTED


def test_without_javascript_a_move_redirects_to_the_board(client, coordinator, project):
    client.force_login(coordinator)
    response = client.post(move_url(project), {"move-to_stage": Stage.PAUSED, "move-reason": "Attente d’un local"})
    assert response.status_code == 302
    assert response["Location"] == BOARD
    project.refresh_from_db()
    assert project.stage == Stage.PAUSED


@pytest.mark.parametrize("who", ["member", "citizen", "outsider", "holder"])
def test_only_the_coordination_moves_cards(client, project, who, request):
    client.force_login(request.getfixturevalue(who))
    response = client.post(move_url(project), {"move-to_stage": Stage.STRUCTURING})
    assert response.status_code in (403, 404)
    project.refresh_from_db()
    assert project.stage == Stage.SUBMITTED
