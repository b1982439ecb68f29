"""body_member_add: seats per college on the board, general meeting, commissions."""

import pytest
from django.core.exceptions import ValidationError

from peps.core.testing import factories as f
from peps.governance import services
from peps.governance.models import BodyKind, BodyMember
from peps.poles.models import College

from . import factories as gf
from .concurrency import run_concurrently


def test_board_seats_of_a_college_are_never_exceeded(pole, colleges, board, coordinator):
    college = colleges[1]  # 3 seats
    people = [f.member_of(pole, college=college) for _ in range(4)]
    for person in people[:3]:
        services.body_member_add(body=board, by=coordinator, person=person, college=college)
    with pytest.raises(ValidationError, match="sont déjà pourvus"):
        services.body_member_add(body=board, by=coordinator, person=people[3], college=college)
    assert BodyMember.objects.filter(body=board, college=college).count() == 3


def test_an_ended_mandate_frees_its_seat(pole, colleges, board, coordinator):
    college = colleges[1]
    people = [f.member_of(pole, college=college) for _ in range(4)]
    seats = [services.body_member_add(body=board, by=coordinator, person=p, college=college) for p in people[:3]]
    services.body_member_end(seat=seats[0], by=coordinator)
    services.body_member_add(body=board, by=coordinator, person=people[3], college=college)


def test_a_board_seat_needs_a_college_matching_the_membership(pole, colleges, board, coordinator):
    person = f.member_of(pole, college=colleges[0])
    with pytest.raises(ValidationError, match="appartient au collège"):
        services.body_member_add(body=board, by=coordinator, person=person, college=colleges[1])
    with pytest.raises(ValidationError, match="collège"):
        services.body_member_add(body=board, by=coordinator, person=person)


def test_only_members_sit_on_the_board(pole, colleges, board, coordinator, citizen):
    with pytest.raises(ValidationError, match="Seuls les membres"):
        services.body_member_add(body=board, by=coordinator, person=citizen, college=colleges[0])


def test_commissions_are_open_to_outsiders_and_outside_structures(pole, commission, coordinator, citizen):
    structure = f.StructureFactory(pole=pole)
    services.body_member_add(body=commission, by=coordinator, person=citizen)
    services.body_member_add(body=commission, by=coordinator, structure=structure)
    assert commission.seats.count() == 2


def test_nobody_sits_twice(pole, commission, coordinator, member):
    services.body_member_add(body=commission, by=coordinator, person=member)
    with pytest.raises(ValidationError, match="déjà"):
        services.body_member_add(body=commission, by=coordinator, person=member)


def test_the_general_meeting_has_no_seats(pole, general_meeting, coordinator, member):
    with pytest.raises(ValidationError, match="tous les membres"):
        services.body_member_add(body=general_meeting, by=coordinator, person=member)


@pytest.mark.django_db(transaction=True)
def test_concurrent_elections_do_not_exceed_the_seats(pole):
    college = College.objects.create(pole=pole, name="Collège", board_seats=3)
    board = gf.body(pole, BodyKind.BOARD, name="CA")
    coordinator = f.member_of(pole, role="coordinator")
    people = [f.member_of(pole, college=college) for _ in range(10)]

    def elect(person):
        return services.body_member_add(body=board, by=coordinator, person=person, college=college)

    results = run_concurrently(elect, people)
    assert BodyMember.objects.filter(body=board, college=college).count() == 3
    refused = [r for r in results if isinstance(r, ValidationError)]
    assert len(refused) == 7, results
