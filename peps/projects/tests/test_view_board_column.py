"""projects:board_column — the rest of a board's column, page by page: « Voir les N autres »
appends the next cards with htmx, or opens the column's page without JavaScript."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from peps.core.testing import factories as f
from peps.projects.board import BOARD_CARDS_PER_COLUMN as N
from peps.projects.models import Domain, Project
from peps.projects.stages import Stage

BOARD = reverse("projects:board", kwargs={"pole": "pollens"})


def column_url(stage: str) -> str:
    return reverse("projects:board_column", kwargs={"pole": "pollens", "stage": stage})


@pytest.fixture
def structuring(pole):
    """2 × N + 1 projects in « Structuration », project 00 moved last."""
    now = timezone.now()
    projects = [
        f.ProjectFactory(pole=pole, title=f"Structuration {i:02d}", stage=Stage.STRUCTURING) for i in range(2 * N + 1)
    ]
    for i, project in enumerate(projects):
        Project.objects.filter(pk=project.pk).update(stage_changed_at=now - datetime.timedelta(hours=i))
    return [f"Structuration {i:02d}" for i in range(2 * N + 1)]


def titles(content: str) -> list[str]:
    return re.findall(r'<a href="/p/pollens/projets/\d+/">(Structuration \d+)</a>', content)


def test_the_board_shows_the_latest_cards_and_a_link_to_the_others(client, coordinator, structuring):
    client.force_login(coordinator)
    content = client.get(BOARD).content.decode()
    assert titles(content) == structuring[:N]
    assert f"Voir les {N + 1} autres projets" in content
    assert f'href="{column_url("structuring")}?page=2"' in content
    assert f'hx-get="{column_url("structuring")}?page=2"' in content and 'hx-target="#cards-structuring"' in content


def test_htmx_appends_the_next_cards_with_their_move_forms(client, coordinator, structuring):
    client.force_login(coordinator)
    page2 = client.get(column_url("structuring") + "?page=2", headers={"HX-Request": "true"}).content.decode()
    assert "<html" not in page2
    assert titles(page2) == structuring[N : 2 * N]
    assert page2.count('name="move-to_stage"') == N and page2.count("csrfmiddlewaretoken") == N
    assert page2.count("data-focus-first") == 1  # pipeline.js gives it the focus
    assert 'hx-swap-oob="outerHTML"' in page2 and "Voir l’autre projet" in page2
    last = client.get(column_url("structuring") + "?page=3", headers={"HX-Request": "true"}).content.decode()
    assert titles(last) == structuring[2 * N :]
    assert re.search(r'<p class="board-more" id="more-structuring" hx-swap-oob="outerHTML"></p>', last)


def test_without_javascript_the_column_has_its_own_pages(client, coordinator, structuring):
    client.force_login(coordinator)
    response = client.get(column_url("structuring") + "?page=2")
    content = response.content.decode()
    assert response.status_code == 200 and "<h1>" in content and "Structuration de l’idée" in content
    assert titles(content) == structuring[N : 2 * N]
    assert "Page 2 sur 3" in content and "page=1" in content and "page=3" in content
    # A page number out of range shows the nearest page.
    assert titles(client.get(column_url("structuring") + "?page=99").content.decode()) == structuring[2 * N :]
    assert titles(client.get(column_url("structuring") + "?page=abc").content.decode()) == structuring[:N]


def test_the_filters_follow_the_link(client, pole, coordinator):
    for i in range(N + 2):
        f.ProjectFactory(pole=pole, title=f"Culture {i}", stage=Stage.SUBMITTED, domain=Domain.CULTURE)
    f.ProjectFactory(pole=pole, title="Sport", stage=Stage.SUBMITTED, domain=Domain.SPORT)
    client.force_login(coordinator)
    content = client.get(BOARD, {"domain": "culture"}).content.decode()
    assert f"{column_url('submitted')}?page=2&amp;domain=culture" in content and "Voir les 2 autres projets" in content
    rest = client.get(column_url("submitted"), {"page": 2, "domain": "culture"}, headers={"HX-Request": "true"})
    assert rest.content.decode().count('name="move-to_stage"') == 2 and "Sport" not in rest.content.decode()
    assert '<input type="hidden" name="domain" value="culture">' in rest.content.decode()


def test_only_coordinators_and_only_open_columns(client, pole, coordinator, member, other_pole):
    client.force_login(member)
    assert client.get(column_url("submitted")).status_code == 403
    client.force_login(coordinator)
    assert client.get(column_url("completed")).status_code == 404  # closed stages are counts only
    assert client.get(column_url("n-importe")).status_code == 404
    f.ProjectFactory(pole=other_pole, title="Ailleurs", stage=Stage.SUBMITTED)
    assert "Ailleurs" not in client.get(column_url("submitted")).content.decode()


def test_a_page_of_a_column_costs_few_queries(client, coordinator, structuring, django_assert_max_num_queries):
    client.force_login(coordinator)
    with django_assert_max_num_queries(7):
        client.get(column_url("structuring") + "?page=2", headers={"HX-Request": "true"})
