"""The lists of the project's page (comments, stages' history, support log) and of the list page,
read by written-out queries (selectors.py): the same rows, order, loaded values and relations as
the ORM's querysets they replaced, page by page."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory
from django.utils import timezone

from peps.core.tenancy import is_member
from peps.core.testing import factories as f
from peps.projects import selectors
from peps.projects.models import (
    Comment,
    Domain,
    EconomicModel,
    Project,
    ProjectVisibility,
    Referral,
    StageChange,
    SupportLogEntry,
)
from peps.projects.stages import Stage

from .factories import CommentFactory

pytestmark = pytest.mark.django_db

PERSON = ("display_name", "first_name", "last_name", "email")


def _loaded(instance) -> dict | None:
    """The values the instance holds (deferred fields left out: they are not loaded)."""
    if instance is None:
        return None
    deferred = instance.get_deferred_fields()
    return {
        f.attname: getattr(instance, f.attname)
        for f in type(instance)._meta.concrete_fields
        if f.attname not in deferred
    }


def _same(ours: list, orm: list, relation: str) -> None:
    assert [_loaded(row) for row in ours] == [_loaded(row) for row in orm]
    assert [_loaded(getattr(row, relation)) for row in ours] == [_loaded(getattr(row, relation)) for row in orm]
    assert [row.get_deferred_fields() for row in ours] == [row.get_deferred_fields() for row in orm]


def _request(**query):
    return RequestFactory().get("/", query)


def test_comments_page_by_page_oldest_first_without_hidden_ones(pole):
    project = f.ProjectFactory(pole=pole)
    start = timezone.now() - datetime.timedelta(days=30)
    for i in range(45):
        comment = CommentFactory(project=project, author=None if i % 7 == 0 else f.UserFactory(), is_hidden=i % 11 == 0)
        # Two comments at the same moment: the primary key decides.
        Comment.objects.filter(pk=comment.pk).update(created_at=start + datetime.timedelta(hours=i // 2))
    CommentFactory(project=f.ProjectFactory(pole=pole))  # another project's
    project.comments_count = Comment.objects.filter(project=project, is_hidden=False).count()
    orm = (
        Comment.objects.filter(project=project, is_hidden=False)
        .select_related("author")
        .only("id", "text", "created_at", *(f"author__{name}" for name in PERSON))
        .order_by("created_at", "pk")
    )
    per_page = selectors.COMMENTS_PER_PAGE
    for number in (1, 2, 3, 4):
        page = selectors.project_comments(project=project, request=_request(page=number))
        expected = list(orm[(number - 1) * per_page : number * per_page])
        assert [c.pk for c in page.items] == [c.pk for c in expected]
        assert [(c.text, c.created_at, c.author_id) for c in page.items] == [
            (c.text, c.created_at, c.author_id) for c in expected
        ]
        assert [_loaded(c.author) for c in page.items] == [_loaded(c.author) for c in expected]
        assert (page.number, page.has_previous, page.has_next) == (number, number > 1, number * per_page < 40)
        assert (page.total, page.num_pages) == (40, 2)


def test_stage_history_latest_first(pole, coordinator):
    project = f.ProjectFactory(pole=pole)
    now = timezone.now()
    for i, (from_stage, to_stage) in enumerate(
        [("", Stage.SUBMITTED), (Stage.SUBMITTED, Stage.STRUCTURING), (Stage.STRUCTURING, Stage.PAUSED)]
    ):
        change = StageChange.objects.create(
            project=project, from_stage=from_stage, to_stage=to_stage, by=coordinator if i else None, reason=f"r{i}"
        )
        StageChange.objects.filter(pk=change.pk).update(at=now - datetime.timedelta(days=3 - min(i, 1)))
    orm = (
        StageChange.objects.filter(project=project)
        .select_related("by")
        .only("id", "from_stage", "to_stage", "reason", "at", *(f"by__{name}" for name in PERSON))
    )
    _same(selectors.stage_history(project=project), list(orm), "by")
    assert len(selectors.stage_history(project=project, limit=2)) == 2


def test_support_log_and_referrals_latest_first(pole, coordinator):
    project = f.ProjectFactory(pole=pole)
    today = timezone.localdate()
    for i in range(4):
        SupportLogEntry.objects.create(
            project=project,
            author=None if i == 2 else coordinator,
            kind="meeting" if i % 2 else "advice",
            happened_on=today - datetime.timedelta(days=i // 2),
            text=f"Entrée {i}",
        )
        Referral.objects.create(
            project=project,
            network=f"Réseau {i}",
            contact="" if i else "Léa",
            referred_on=today - datetime.timedelta(days=i % 2),
            note=f"Note {i}",
            by=None if i == 1 else coordinator,
        )
    SupportLogEntry.objects.create(
        project=f.ProjectFactory(pole=pole), author=coordinator, happened_on=today, text="Ailleurs"
    )
    entries, referrals = selectors.support_log(project=project)
    fields = ("display_name", "first_name", "last_name", "email")
    _same(
        entries,
        list(
            SupportLogEntry.objects.filter(project=project)
            .select_related("author")
            .only("id", "kind", "happened_on", "text", *(f"author__{name}" for name in fields))
        ),
        "author",
    )
    _same(
        referrals,
        list(
            Referral.objects.filter(project=project)
            .select_related("by")
            .only("id", "network", "contact", "referred_on", "note", *(f"by__{name}" for name in fields))
        ),
        "by",
    )


# --- The list page ----------------------------------------------------------------------------


def _listed_by_the_orm(*, user, pole, filters: dict):
    """What the list read with the ORM before (projects_visible_to, the filters, newest first)."""
    projects = selectors.projects_visible_to(user=user, pole=pole)
    for name in ("stage", "domain", "economic_model"):
        if filters.get(name):
            projects = projects.filter(**{name: filters[name]})
    if filters.get("commune"):
        projects = projects.filter(commune=filters["commune"])
    from peps.core.text import search_terms

    for term in search_terms(filters.get("q") or ""):
        projects = projects.filter(search_text__contains=term)
    return projects.select_related("holder", "holder_structure", "commune").order_by("-created_at", "-pk")


@pytest.fixture
def many(pole, other_pole, commune, citizen):
    """45 projects of the pole in every shape (visibility, stage, domain, commune, holder,
    structure, searched words), a few at the same moment, and one of another pole."""
    structure = f.StructureFactory(pole=pole, name="Les Jardins")
    other_commune = f.CommuneFactory(code="42218", name="Saint-Étienne")
    now = timezone.now()
    titles = ["Épicerie solidaire", "Garage solidaire", "Épicerie bio", "Jardin 100% partagé", "Vélo_école"]
    for i in range(45):
        project = f.ProjectFactory(
            pole=pole,
            title=f"{titles[i % 5]} {i}",
            holder=citizen if i % 6 == 0 else (None if i % 13 == 0 else f.UserFactory()),
            holder_structure=structure if i % 4 == 0 else None,
            commune=commune if i % 3 == 0 else (other_commune if i % 3 == 1 else None),
            visibility=ProjectVisibility.MEMBERS if i % 5 == 0 else ProjectVisibility.PUBLIC,
            stage=[Stage.SUBMITTED, Stage.LAUNCH, Stage.PAUSED][i % 3],
            domain=[Domain.FOOD, Domain.CULTURE][i % 2],
            economic_model=[EconomicModel.MARKET, EconomicModel.MIXED, ""][i % 3],
            supporters_count=i,
            comments_count=i % 4,
        )
        project.refresh_search_text()
        project.save()
        Project.objects.filter(pk=project.pk).update(created_at=now - datetime.timedelta(hours=i // 3))
    f.ProjectFactory(pole=other_pole, title="Épicerie ailleurs")
    return {"commune": commune}


@pytest.mark.parametrize(
    "filters",
    [
        {},
        {"stage": Stage.LAUNCH},
        {"domain": Domain.CULTURE, "economic_model": EconomicModel.MIXED},
        {"commune": "commune"},
        {"q": "epicerie"},
        {"q": "EPICERIE Solidaire"},
        {"q": "100%"},
        {"q": "velo_ecole"},
        {"q": "%% __"},
    ],
)
@pytest.mark.parametrize("who", ["anonymous", "citizen", "member", "outsider"])
def test_the_list_is_what_the_orm_read(pole, many, filters, who, request):
    user = AnonymousUser() if who == "anonymous" else request.getfixturevalue(who)
    if filters.get("commune"):
        filters = {**filters, "commune": many["commune"]}
    expected = list(_listed_by_the_orm(user=user, pole=pole, filters=filters))
    for number in (1, 2, 3):
        page = selectors.project_list(user=user, pole=pole, filters=filters, request=_request(page=number))
        shown = expected[(number - 1) * 20 : number * 20]
        assert [p.pk for p in page.items] == [p.pk for p in shown]
        assert page.total == len(expected) and not page.total_is_capped
        assert (page.number, page.has_previous, page.has_next) == (number, number > 1, len(expected) > number * 20)
        assert page.num_pages == max(1, -(-len(expected) // 20))
        for ours, orm in zip(page.items, shown, strict=True):
            loaded = set(_loaded(ours))
            assert loaded <= set(_loaded(orm)) and {"title", "summary", "stage", "visibility"} <= loaded
            assert {k: v for k, v in _loaded(orm).items() if k in loaded} == _loaded(ours)
            for name in ("holder", "holder_structure", "commune"):
                ours_related, orm_related = getattr(ours, name), getattr(orm, name)
                assert (ours_related is None) == (orm_related is None)
            assert ours.holder_name == orm.holder_name
            assert ours.pole == pole


def test_the_list_reads_the_cards_in_two_queries(pole, many, member, django_assert_num_queries):
    is_member(member, pole)  # the reader's role, read once per request (pole_view)
    with django_assert_num_queries(2):
        page = selectors.project_list(user=member, pole=pole, filters={"q": "solidaire"}, request=_request())
        for project in page.items:
            # What a card shows, without another query.
            assert project.holder_name and project.pole.slug == "pollens"
            assert project.commune_id is None or project.commune.name
    assert any(p.visibility == ProjectVisibility.MEMBERS for p in page.items)  # a member sees them too
