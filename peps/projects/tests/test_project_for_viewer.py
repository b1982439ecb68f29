"""project_for_viewer(): the project read by its written-out query is what the ORM reads, with
its holder, structure, commune and the reader's marks; hidden or missing projects are 404."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from peps.core.sql import exists_mark
from peps.core.testing import factories as f
from peps.projects.models import Follow, Project, ProjectVisibility, Support
from peps.projects.selectors import PAGE_FIELDS, project_for_viewer

pytestmark = pytest.mark.django_db

RELATIONS = ("holder", "holder_structure", "commune")


def _by_the_orm(project: Project, user, *, page: bool) -> Project:
    """The project as the ORM read it before (what the written-out query replaced)."""
    projects = Project.objects.filter(pk=project.pk).select_related(*RELATIONS)
    if page:
        projects = projects.only(*PAGE_FIELDS)
    if user.is_authenticated:
        projects = projects.annotate(
            is_following=exists_mark(Follow, link="project", outer=Project, person=user.pk),
            is_supporting=exists_mark(Support, link="project", outer=Project, person=user.pk),
        )
    return projects.get()


def _loaded(instance) -> dict | None:
    """The values the instance holds (deferred fields left out, as they are not loaded)."""
    if instance is None:
        return None
    deferred = instance.get_deferred_fields()
    fields = type(instance)._meta.concrete_fields
    return {field.attname: getattr(instance, field.attname) for field in fields if field.attname not in deferred}


def _assert_same(project: Project, user) -> None:
    for page in (False, True):
        ours = project_for_viewer(user=user, pole=project.pole, pk=project.pk, page=page)
        orm = _by_the_orm(project, user, page=page)
        assert _loaded(ours) == _loaded(orm)
        assert ours.get_deferred_fields() == orm.get_deferred_fields()
        for name in RELATIONS:
            assert _loaded(getattr(ours, name)) == _loaded(getattr(orm, name)), name
            related = getattr(ours, name)
            assert related is None or related.get_deferred_fields() == getattr(orm, name).get_deferred_fields()
        if user.is_authenticated:
            assert (ours.is_following, ours.is_supporting) == (orm.is_following, orm.is_supporting)


def test_a_project_with_every_relation_read_by_a_follower(pole, coordinator, member):
    structure = f.StructureFactory(pole=pole)
    project = f.ProjectFactory(pole=pole, holder=member, holder_structure=structure, commune=f.CommuneFactory())
    Follow.objects.create(project=project, person=coordinator)
    _assert_same(project, coordinator)
    _assert_same(project, member)
    _assert_same(project, AnonymousUser())


def test_a_project_without_relations(pole, coordinator, django_assert_num_queries):
    project = f.ProjectFactory(pole=pole, holder=None, commune=None)
    _assert_same(project, coordinator)
    found = project_for_viewer(user=coordinator, pole=pole, pk=project.pk, page=True)
    with django_assert_num_queries(0):
        assert found.holder is None and found.holder_structure is None and found.commune is None
        assert found.pole == pole


def test_the_marks_asked_for_come_with_the_project(pole, coordinator):
    project = f.ProjectFactory(pole=pole)
    Support.objects.create(project=project, person=coordinator)
    marks = {"has_supports": exists_mark(Support, link="project", outer=Project)}
    found = project_for_viewer(user=coordinator, pole=pole, pk=project.pk, page=True, marks=marks)
    assert (found.has_supports, found.is_supporting, found.is_following) == (True, True, False)


def test_another_poles_missing_or_hidden_project_is_not_found(pole, other_pole, citizen):
    elsewhere = f.ProjectFactory(pole=other_pole)
    hidden = f.ProjectFactory(pole=pole, visibility=ProjectVisibility.MEMBERS)
    for pk in (elsewhere.pk, elsewhere.pk + 1000, hidden.pk):
        with pytest.raises(Http404):
            project_for_viewer(user=citizen, pole=pole, pk=pk, page=True)
