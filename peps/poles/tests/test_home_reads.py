"""The pole home's written-out reads, held to the ORM's answer: its colleges in order, and
the newest projects each kind of viewer may see, as the project cards read them."""

import pytest
from django.contrib.auth.models import AnonymousUser

from peps.core import tenancy
from peps.core.testing import factories as f
from peps.poles.models import College
from peps.poles.selectors import colleges_of, latest_projects
from peps.projects.models import ProjectVisibility
from peps.projects.selectors import projects_visible_to, with_card_relations

pytestmark = pytest.mark.django_db


def test_the_colleges_in_order(pole, other_pole):
    for position, name in ((2, "B"), (1, "Z"), (2, "A")):
        f.CollegeFactory(pole=pole, name=name, position=position)
    f.CollegeFactory(pole=other_pole)
    expected = list(College.objects.filter(pole=pole).order_by("position", "name"))
    found = colleges_of(pole)
    assert [c.__dict__ | {"_state": None} for c in found] == [c.__dict__ | {"_state": None} for c in expected]


def test_the_newest_projects_each_viewer_may_see(pole, other_pole, commune, member, citizen, outsider):
    structure = f.StructureFactory(pole=pole)
    for index in range(5):
        for visibility in ProjectVisibility:
            f.ProjectFactory(
                pole=pole,
                visibility=visibility,
                holder=citizen if index == 1 else None,
                holder_structure=structure if index % 2 else None,
                commune=commune if index % 3 else None,
            )
    f.ProjectFactory(pole=other_pole)

    def card(p):
        return (
            p.pk,
            p.title,
            p.summary,
            p.stage,
            p.domain,
            p.visibility,
            p.supporters_count,
            p.comments_count,
            p.pole.slug,
            p.holder_name,
            p.holder_structure_id and (p.holder_structure.name, p.holder_structure.slug),
            p.commune_id and (p.commune.name, p.commune.departement_id),
        )

    for user in (AnonymousUser(), member, citizen, outsider):
        tenancy.forget_roles(user)
        orm = list(with_card_relations(projects_visible_to(user=user, pole=pole)).order_by("-created_at", "-pk")[:6])
        tenancy.forget_roles(user)
        assert [card(p) for p in latest_projects(pole, user=user)] == [card(p) for p in orm], user
    assert len(latest_projects(pole, user=AnonymousUser(), limit=20)) == 5
    assert len(latest_projects(pole, user=citizen, limit=20)) == 6
