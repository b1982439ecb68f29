"""debate_for_viewer(): the debate read by its written-out query is what the ORM reads, with
its project, author and closer, and whether the reader follows it."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404
from django.utils import timezone

from peps.core.sql import exists_mark
from peps.core.testing import factories as f
from peps.deliberation.models import Debate, Follow
from peps.deliberation.selectors import debate_for_viewer

from .factories import DebateFactory

pytestmark = pytest.mark.django_db

RELATIONS = ("project", "author", "closed_by")


def _values(instance) -> dict | None:
    if instance is None:
        return None
    return {field.attname: getattr(instance, field.attname) for field in type(instance)._meta.concrete_fields}


def _assert_same(debate: Debate, user) -> None:
    orm = Debate.objects.filter(pk=debate.pk).select_related(*RELATIONS)
    if user.is_authenticated:
        orm = orm.annotate(is_following=exists_mark(Follow, link="debate", outer=Debate, person=user.pk))
    orm = orm.get()
    ours = debate_for_viewer(user=user, pole=debate.pole, pk=debate.pk)
    assert _values(ours) == _values(orm)
    for name in RELATIONS:
        assert _values(getattr(ours, name)) == _values(getattr(orm, name)), name
    if user.is_authenticated:
        assert ours.is_following == orm.is_following


def test_a_closed_debate_on_a_project_followed_by_its_reader(pole, coordinator, member):
    project = f.ProjectFactory(pole=pole)
    debate = DebateFactory(pole=pole, project=project, author=member, closed_by=coordinator, closed_at=timezone.now())
    Follow.objects.create(debate=debate, person=coordinator)
    for reader in (coordinator, member, AnonymousUser()):
        _assert_same(debate, reader)


def test_a_debate_without_relations(pole, coordinator, django_assert_num_queries):
    debate = DebateFactory(pole=pole, project=None, author=None)
    _assert_same(debate, coordinator)
    found = debate_for_viewer(user=coordinator, pole=pole, pk=debate.pk)
    with django_assert_num_queries(0):
        assert found.project is None and found.author is None and found.closed_by is None


def test_a_debate_of_another_pole_or_missing_is_not_found(pole, other_pole):
    debate = DebateFactory(pole=other_pole)
    for pk in (debate.pk, debate.pk + 1000):
        with pytest.raises(Http404):
            debate_for_viewer(user=AnonymousUser(), pole=pole, pk=pk)
