"""The board's reads (board.py), written out as SQL: the same counts, cards, order and values
as the ORM answers, for the whole board and a column page by page, with and without filters."""

import datetime

import pytest
from django.db.models import Count
from django.utils import timezone, translation

from peps.core.testing import factories as f
from peps.projects.board import (
    BOARD_CARDS_PER_COLUMN,
    BOARD_CLOSED,
    BOARD_COLUMNS,
    board_column_page,
    pipeline_board,
    since_label,
)
from peps.projects.models import Domain, Project, RequestKind
from peps.projects.stages import Stage

pytestmark = pytest.mark.django_db


@pytest.fixture
def projects(pole, other_pole):
    """Projects in every stage, domain and request kind, some at the same moment, with a
    holder, a structure, or nobody (deleted account); and one of another pole."""
    structure = f.StructureFactory(pole=pole, name="Les Jardins")
    now = timezone.now()
    stages = list(Stage)
    for i in range(70):
        project = f.ProjectFactory(
            pole=pole,
            stage=stages[i % len(stages)],
            domain=[Domain.FOOD, Domain.CULTURE][i % 2],
            request_kind=["", RequestKind.RELAY, RequestKind.FULL_SUPPORT][i % 3],
            holder=None if i % 9 == 0 else f.UserFactory(display_name="" if i % 2 else f"Personne {i}"),
            holder_structure=structure if i % 5 == 0 else None,
            coordination_opened_at=now if i % 4 == 0 else None,
        )
        Project.objects.filter(pk=project.pk).update(stage_changed_at=now - datetime.timedelta(days=(i // 2) * 3))
    f.ProjectFactory(pole=other_pole, stage=Stage.SUBMITTED)


def _expected(pole, stage, filters, offset=0):
    """A column's cards as the ORM reads them: the most recently moved first."""
    rows = (
        Project.objects.filter(pole=pole, stage=stage, **filters)
        .select_related("holder", "holder_structure")
        .order_by("-stage_changed_at", "-pk")[offset : offset + BOARD_CARDS_PER_COLUMN]
    )
    now = timezone.now()
    return [
        {
            "pk": p.pk,
            "title": p.title,
            "holder": p.holder_name,
            "days_in_stage": (now - p.stage_changed_at).days,
            "is_new": p.stage == Stage.SUBMITTED and p.coordination_opened_at is None,
            "request_kind_label": p.get_request_kind_display() or "Demande non précisée",
        }
        for p in rows
    ]


def _cards(column) -> list[dict]:
    return [
        {
            "pk": c.pk,
            "title": c.title,
            "holder": c.holder,
            "days_in_stage": c.days_in_stage,
            "is_new": c.is_new,
            "request_kind_label": c.request_kind_label,
        }
        for c in column["projects"]
    ]


@pytest.mark.parametrize(
    "filters",
    [{}, {"domain": Domain.CULTURE}, {"request_kind": RequestKind.RELAY}, {"domain": "food", "request_kind": ""}],
)
def test_the_board_is_what_the_orm_reads(pole, projects, filters):
    board = pipeline_board(pole=pole, **filters)
    equals = {name: value for name, value in filters.items() if value}
    counts = dict(Project.objects.filter(pole=pole, **equals).values_list("stage").annotate(n=Count("pk")).order_by())
    assert [c["stage"] for c in board["columns"]] == BOARD_COLUMNS
    for column in board["columns"]:
        assert column["count"] == counts.get(column["stage"], 0)
        assert _cards(column) == _expected(pole, column["stage"], equals)
        assert column["remaining"] == max(0, column["count"] - BOARD_CARDS_PER_COLUMN)
    assert [(c["stage"], c["count"]) for c in board["closed"]] == [(s, counts.get(s, 0)) for s in BOARD_CLOSED]
    assert board["total"] == sum(counts.values())


@pytest.mark.parametrize("filters", [{}, {"domain": Domain.CULTURE}, {"domain": Domain.FOOD}])
def test_a_column_page_by_page_is_what_the_orm_reads(pole, projects, filters):
    count = Project.objects.filter(pole=pole, stage=Stage.STRUCTURING, **filters).count()
    last = max(1, -(-count // BOARD_CARDS_PER_COLUMN))
    for page in range(1, last + 2):
        column = board_column_page(pole=pole, stage=Stage.STRUCTURING, page=page, **filters)
        shown = min(page, last)  # a page past the last shows the last
        assert (column["page"], column["last_page"], column["count"]) == (shown, last, count)
        assert _cards(column) == _expected(
            pole, Stage.STRUCTURING, filters, offset=(shown - 1) * BOARD_CARDS_PER_COLUMN
        )


def test_the_board_says_its_words_in_the_readers_language(pole, projects):
    """The words are remembered per language: a board in English after one in French (and
    back) is all in English (and all in French)."""
    for language, submitted, held_by in (("fr", "Idée déposée", "Porté par"), ("en", "Idea submitted", "Held by")):
        with translation.override(language):
            board = pipeline_board(pole=pole)
            card = board["columns"][0]["projects"][0]
            assert board["columns"][0]["label"] == submitted
            assert card.since == since_label(card.days_in_stage)
            assert card.holder_label.startswith(held_by)
