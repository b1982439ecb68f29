"""The written-out reads of a structure's page, held to the ORM's answer: its sectors, its
membership of the pole, its representatives and the projects it holds, for every kind of
viewer (projects_visible_to, the viewer's own claim)."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db.models import Q

from peps.core import tenancy
from peps.core.testing import factories as f
from peps.directory import selectors
from peps.directory.models import Representative, RepresentativeStatus, Sector
from peps.poles.models import Membership, MembershipStatus
from peps.projects.models import ProjectVisibility

from .factories import RepresentativeFactory

pytestmark = pytest.mark.django_db


def _values(instance) -> dict:
    return {name: value for name, value in instance.__dict__.items() if not name.startswith("_")}


@pytest.fixture
def structure(pole, commune):
    structure = f.StructureFactory(pole=pole, commune=commune)
    structure.pole = pole
    return structure


def test_its_sectors_by_name(structure):
    structure.sectors.set(Sector.objects.order_by("-name")[:3])
    expected = [(s.pk, s.slug, s.name) for s in structure.sectors.all()]
    assert [(s.pk, s.slug, s.name) for s in selectors.structure_sectors(structure=structure)] == expected
    assert selectors.structure_sectors(structure=f.StructureFactory()) == []


def test_its_active_membership_of_the_pole_with_its_college(structure, pole, other_pole, django_assert_num_queries):
    assert selectors.structure_memberships(structure=structure) == []
    college = f.CollegeFactory(pole=pole, name="Acteurs de l’ESS")
    Membership.objects.create(pole=pole, structure=structure, college=college, joined_on=datetime.date(2013, 3, 1))
    Membership.objects.create(pole=other_pole, structure=structure)
    expected = list(
        Membership.objects.filter(pole=pole, status=MembershipStatus.ACTIVE, structure=structure).select_related(
            "college"
        )
    )
    with django_assert_num_queries(1):
        found = selectors.structure_memberships(structure=structure)
        assert [_values(m) for m in found] == [_values(m) for m in expected]
        assert [_values(m.college) for m in found] == [_values(m.college) for m in expected]
    Membership.objects.filter(pole=pole).update(college=None, status=MembershipStatus.LEFT)
    assert selectors.structure_memberships(structure=structure) == []


def test_its_representatives_and_the_viewers_own_claim(structure, citizen, member):
    for status in RepresentativeStatus:
        RepresentativeFactory(structure=structure, person=f.UserFactory(display_name=f"R {status}"), status=status)
    RepresentativeFactory(structure=structure, person=citizen, status=RepresentativeStatus.PENDING)
    RepresentativeFactory(structure=f.StructureFactory(pole=structure.pole), person=member)

    def orm(user):
        condition = Q(status=RepresentativeStatus.APPROVED)
        if user.is_authenticated:
            condition |= Q(person_id=user.pk)
        return list(
            structure.representatives.filter(condition)
            .select_related("person")
            .only(*selectors.REPRESENTATIVE_FIELDS, *(f"person__{n}" for n in selectors.REPRESENTATIVE_PERSON))
            .order_by("created_at", "pk")
        )

    for user in (AnonymousUser(), citizen, member):
        found = selectors.structure_representatives(structure=structure, user=user)
        expected = orm(user)
        assert [_values(r) for r in found] == [_values(r) for r in expected]
        assert [r.person.public_name for r in found] == [r.person.public_name for r in expected]
        assert [r.person.profile_visibility for r in found] == [r.person.profile_visibility for r in expected]
    assert len(selectors.structure_representatives(structure=structure, user=citizen)) == 2
    assert Representative.objects.filter(structure=structure).count() == len(RepresentativeStatus) + 1


def test_the_projects_it_holds_that_the_viewer_may_see(
    structure, pole, other_pole, citizen, member, coordinator, outsider, network_admin
):
    for visibility in ProjectVisibility:
        for holder in (None, citizen):
            f.ProjectFactory(pole=pole, holder_structure=structure, holder=holder, visibility=visibility)
    f.ProjectFactory(pole=pole, visibility=ProjectVisibility.PUBLIC)
    for user in (AnonymousUser(), citizen, member, coordinator, outsider, network_admin):
        tenancy.forget_roles(user)
        visible = selectors.projects_visible_to(user=user, pole=pole).filter(holder_structure=structure)
        expected = list(visible.only("pole_id", "title", "summary", "stage", "created_at").order_by("-created_at")[:3])
        found = selectors.structure_projects(structure=structure, user=user, limit=3)
        assert [_values(p) for p in found] == [_values(p) for p in expected], user
        assert [p.get_stage_display() for p in found] == [p.get_stage_display() for p in expected]
    assert len(selectors.structure_projects(structure=structure, user=AnonymousUser())) == 2
    assert len(selectors.structure_projects(structure=structure, user=citizen)) == 3


def test_the_viewers_claim_answers_whether_they_represent_it(structure, citizen, member, django_assert_num_queries):
    RepresentativeFactory(structure=structure, person=citizen)
    RepresentativeFactory(structure=structure, person=member, status=RepresentativeStatus.PENDING)
    for user, approved in ((citizen, True), (member, False), (f.UserFactory(), False)):
        expected = Representative.objects.filter(
            structure=structure, person=user, status=RepresentativeStatus.APPROVED
        ).exists()
        assert expected is approved
        fresh = selectors.structure_for_page(pole=structure.pole, slug=structure.slug, user=user, sectors=False)
        assert selectors.is_approved_representative(user, fresh) is approved  # asked alone: one query
        fresh = selectors.structure_for_page(pole=structure.pole, slug=structure.slug, user=user, sectors=False)
        selectors.structure_representatives(structure=fresh, user=user)
        with django_assert_num_queries(0):
            assert selectors.is_approved_representative(user, fresh) is approved
