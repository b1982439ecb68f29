"""A person's role in a pole, as the pole's pages read it with the pole itself (one query)
and as every other check reads it alone: both must say the same, for every way of belonging."""

import pytest

from peps.core.tenancy import get_pole, role_in
from peps.core.testing import factories as f
from peps.directory.models import Representative, RepresentativeStatus
from peps.poles.models import Membership, MembershipStatus, Role
from peps.poles.roles import lookup_role, pole_with_role


def _both(pole, person) -> tuple[str | None, str | None]:
    found = pole_with_role(pole.slug, person.pk)
    assert found is not None and found[0] == pole
    return found[1], lookup_role(person.pk, pole.pk)


@pytest.mark.parametrize("role", [Role.MEMBER, Role.BOARD, Role.COORDINATOR, Role.ADMIN])
def test_an_own_active_membership_gives_its_role(pole, role):
    person = f.member_of(pole, role=role)
    assert _both(pole, person) == (role, role)


@pytest.mark.parametrize("status", [MembershipStatus.PENDING, MembershipStatus.LEFT, MembershipStatus.REFUSED])
def test_a_membership_that_is_not_active_gives_no_role(pole, status):
    person = f.member_of(pole, role=Role.COORDINATOR)
    Membership.objects.filter(person=person).update(status=status)
    assert _both(pole, person) == (None, None)


def test_a_membership_of_another_pole_gives_no_role(pole, outsider):
    assert _both(pole, outsider) == (None, None)


def _representative_of_member_structure(pole, *, status, membership_status=MembershipStatus.ACTIVE):
    structure = f.StructureFactory(pole=pole)
    Membership.objects.create(pole=pole, structure=structure, status=membership_status)
    person = f.UserFactory()
    Representative.objects.create(structure=structure, person=person, status=status)
    return person


def test_the_approved_representative_of_a_member_structure_is_a_member(pole):
    person = _representative_of_member_structure(pole, status=RepresentativeStatus.APPROVED)
    assert _both(pole, person) == (Role.MEMBER, Role.MEMBER)


@pytest.mark.parametrize("status", [RepresentativeStatus.PENDING, RepresentativeStatus.REFUSED])
def test_a_representative_not_approved_is_not_a_member(pole, status):
    person = _representative_of_member_structure(pole, status=status)
    assert _both(pole, person) == (None, None)


def test_the_representative_of_a_structure_that_left_is_not_a_member(pole):
    person = _representative_of_member_structure(
        pole, status=RepresentativeStatus.APPROVED, membership_status=MembershipStatus.LEFT
    )
    assert _both(pole, person) == (None, None)


def test_an_own_membership_comes_before_a_represented_structure(pole):
    person = _representative_of_member_structure(pole, status=RepresentativeStatus.APPROVED)
    Membership.objects.create(pole=pole, person=person, role=Role.COORDINATOR)
    assert _both(pole, person) == (Role.COORDINATOR, Role.COORDINATOR)


def test_an_unknown_slug_is_no_pole(coordinator):
    assert pole_with_role("no-such-pole", coordinator.pk) is None


def test_the_pole_of_a_page_brings_the_role_without_a_second_query(pole, coordinator, django_assert_num_queries):
    with django_assert_num_queries(1):
        found = get_pole(pole.slug, coordinator)
        assert role_in(coordinator, found) == Role.COORDINATOR


def test_a_visitor_gets_the_pole_without_a_role(pole, django_assert_num_queries):
    assert pole_with_role(pole.slug, None) == (pole, None)
    with django_assert_num_queries(1):
        assert get_pole(pole.slug, None).name == pole.name
