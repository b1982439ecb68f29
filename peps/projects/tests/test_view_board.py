"""projects:board — coordinators only; counts per stage, the latest cards of each column, filters."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from peps.core.testing import factories as f
from peps.projects.board import BOARD_CARDS_PER_COLUMN, BOARD_COLUMNS
from peps.projects.models import Domain, Project, RequestKind
from peps.projects.stages import Stage

URL = reverse("projects:board", kwargs={"pole": "pollens"})


def test_anonymous_is_sent_to_login(client, pole):
    response = client.get(URL)
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


@pytest.mark.parametrize("who", ["member", "board_member", "citizen", "outsider", "holder"])
def test_non_coordinators_get_403(client, pole, project, who, request):
    client.force_login(request.getfixturevalue(who))
    assert client.get(URL).status_code == 403


@pytest.mark.parametrize("who", ["coordinator", "network_admin"])
def test_coordinators_see_the_board(client, project, who, request):
    client.force_login(request.getfixturevalue(who))
    response = client.get(URL)
    assert response.status_code == 200
    content = response.content.decode()
    assert "Suivi des projets" in content
    assert "Recyclerie du Roannais" in content


def test_columns_counts_latest_cards_and_closed_counts(client, pole, other_pole, coordinator):
    now = timezone.now()
    for i in range(12):
        f.ProjectFactory(pole=pole, title=f"Structuration {i:02d}", stage=Stage.STRUCTURING)
    Project.objects.filter(stage=Stage.STRUCTURING).update(stage_changed_at=now - datetime.timedelta(days=3))
    latest = Project.objects.get(title="Structuration 05")
    Project.objects.filter(pk=latest.pk).update(stage_changed_at=now - datetime.timedelta(hours=1))
    f.ProjectFactory(pole=pole, stage=Stage.PAUSED, title="En pause")
    f.ProjectFactory(pole=pole, stage=Stage.ABANDONED)
    f.ProjectFactory(pole=pole, stage=Stage.COMPLETED)
    f.ProjectFactory(pole=pole, stage=Stage.COMPLETED)
    f.ProjectFactory(pole=other_pole, stage=Stage.STRUCTURING, title="Ailleurs")
    client.force_login(coordinator)
    response = client.get(URL)
    columns = {c["stage"]: c for c in response.context["columns"]}
    assert list(columns) == BOARD_COLUMNS
    assert columns[Stage.STRUCTURING]["count"] == 12
    assert len(columns[Stage.STRUCTURING]["projects"]) == BOARD_CARDS_PER_COLUMN < 12
    assert columns[Stage.STRUCTURING]["remaining"] == 12 - BOARD_CARDS_PER_COLUMN
    assert columns[Stage.STRUCTURING]["projects"][0].title == "Structuration 05"
    assert columns[Stage.STRUCTURING]["projects"][1].days_in_stage == 3
    assert [p.title for p in columns[Stage.PAUSED]["projects"]] == ["En pause"]
    assert columns[Stage.LAUNCH]["count"] == 0
    assert {c["stage"]: c["count"] for c in response.context["closed"]} == {"abandoned": 1, "completed": 2}
    content = response.content.decode()
    assert "Ailleurs" not in content
    assert "?stage=structuring" in content
    assert "?stage=completed" in content
    assert "depuis 3 jours" in content


def test_filters_by_domain_and_request_kind(client, pole, coordinator):
    f.ProjectFactory(pole=pole, title="Culture relais", domain=Domain.CULTURE, request_kind=RequestKind.RELAY)
    f.ProjectFactory(pole=pole, title="Culture info", domain=Domain.CULTURE, request_kind=RequestKind.INFORMATION)
    f.ProjectFactory(pole=pole, title="Sport relais", domain=Domain.SPORT, request_kind=RequestKind.RELAY)
    client.force_login(coordinator)

    def shown(params):
        column = client.get(URL, params).context["columns"][0]
        return sorted(p.title for p in column["projects"])

    assert shown({"domain": "culture"}) == ["Culture info", "Culture relais"]
    assert shown({"request_kind": "relay"}) == ["Culture relais", "Sport relais"]
    assert shown({"domain": "culture", "request_kind": "relay"}) == ["Culture relais"]
    assert "Mise en relation ou relais" in client.get(URL).content.decode()


@pytest.mark.parametrize("params", [{"domain": "nope"}, {"request_kind": "<x>"}, {"page": "xyz"}])
def test_malformed_filters_are_ignored(client, pole, project, coordinator, params):
    client.force_login(coordinator)
    response = client.get(URL, params)
    assert response.status_code == 200
    assert response.context["columns"][0]["count"] == 1


def test_query_count_is_bounded_with_60_projects(client, pole, coordinator, django_assert_max_num_queries):
    stages = list(Stage)
    for i in range(60):
        f.ProjectFactory(pole=pole, stage=stages[i % len(stages)], request_kind=RequestKind.FULL_SUPPORT)
    client.force_login(coordinator)
    with django_assert_max_num_queries(7):
        response = client.get(URL)
    assert sum(c["count"] for c in response.context["columns"]) == 48
