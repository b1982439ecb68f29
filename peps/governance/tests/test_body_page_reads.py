"""The body page's written-out reads (selectors.body_seats, board_colleges, body_meetings,
body_motions, pending_proposals, the `is_following` mark of body_for_viewer): each is what
the ORM reads, rows, order, loaded fields and relations."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db.models import Q
from django.utils import timezone

from peps.core.testing import factories as f
from peps.governance import selectors, services
from peps.governance.models import AgendaItem, BodyKind, BodyMember, Meeting, Motion, MotionStatus
from peps.poles.models import College

from . import factories as gf

pytestmark = pytest.mark.django_db


def _values(instance, names=None) -> dict:
    fields = type(instance)._meta.concrete_fields
    return {field.attname: getattr(instance, field.attname) for field in fields if names is None or field.name in names}


def test_seats_are_the_current_ones_ordered_as_the_orm_orders_them(pole, board, colleges):
    today = timezone.localdate()
    people = [f.member_of(pole, display_name=name) for name in ("Zoé", "Abel", "Marc", "Inès")]
    gf.seat(board, people[0], college=colleges[2])
    gf.seat(board, people[1], college=colleges[0], role="treasurer")
    gf.seat(board, people[2], college=colleges[0], role="chair")
    gf.seat(board, structure=f.StructureFactory(pole=pole, name="La Ressourcerie"), college=colleges[1])
    gf.seat(board, people[3])  # no college: where the ORM's join sorts it (first on SQLite, last on PostgreSQL)
    ended = gf.seat(board, f.member_of(pole, display_name="Partie"), college=colleges[0])
    BodyMember.objects.filter(pk=ended.pk).update(until=today)
    later = gf.seat(board, f.member_of(pole, display_name="Bientôt"), college=colleges[0])
    BodyMember.objects.filter(pk=later.pk).update(since=today + datetime.timedelta(days=1))
    expected = list(
        BodyMember.objects.filter(body=board, since__lte=today)
        .filter(Q(until__isnull=True) | Q(until__gt=today))
        .select_related("person", "structure")
        .order_by("college__position", "college__name", "role", "since", "pk")
    )
    seats = selectors.body_seats(board)
    assert [seat.pk for seat in seats] == [seat.pk for seat in expected]
    fields = selectors.SEAT_FIELDS
    for seat, orm in zip(seats, expected, strict=True):
        assert _values(seat, fields) == _values(orm, fields)
        assert str(seat.holder) == str(orm.holder)
        assert (seat.person and seat.person.public_name) == (orm.person and orm.person.public_name)
        assert "email" not in seat.get_deferred_fields() and "created_at" in seat.get_deferred_fields()


def test_the_boards_colleges_are_the_poles_in_order_with_their_seats(pole, other_pole, board, colleges):
    f.CollegeFactory(pole=other_pole, name="Ailleurs", position=0)
    seat = gf.seat(board, f.member_of(pole), college=colleges[1])
    rows = selectors.board_colleges(board, selectors.body_seats(board))
    expected = list(College.objects.filter(pole=pole).order_by("position", "name"))
    assert [_values(row["college"]) for row in rows] == [_values(college) for college in expected]
    assert [[s.pk for s in row["seats"]] for row in rows] == [[], [seat.pk], []]
    assert [row["free"] for row in rows] == [6, 2, 3]


def test_meetings_and_motions_are_the_latest_twenty_as_the_orm_reads_them(pole, board, coordinator, member):
    now = timezone.now()
    for day in range(25):
        Meeting.objects.create(body=board, title=f"Réunion {day}", starts_at=now - datetime.timedelta(days=day % 7))
    other = gf.body(pole, BodyKind.BUREAU, visibility="public")
    for n in range(23):
        gf.motion(pole, body_=board if n != 5 else other, by=coordinator, title=f"Motion {n}")
    Motion.objects.filter(title__in=["Motion 3", "Motion 8"]).update(status=MotionStatus.CLOSED, outcome="adopted")
    meetings = selectors.body_meetings(board)
    expected = list(Meeting.objects.filter(body=board).order_by("-starts_at", "-pk")[:20])
    assert [_values(m, selectors.MEETING_FIELDS) for m in meetings] == [
        _values(m, selectors.MEETING_FIELDS) for m in expected
    ]
    motions = selectors.body_motions(user=member, body=board)
    expected = list(selectors.motions_visible_to(user=member, pole=pole, body=board)[:20])
    assert [_values(m, selectors.MOTION_FIELDS) for m in motions] == [
        _values(m, selectors.MOTION_FIELDS) for m in expected
    ]
    assert motions[0].is_closed and motions[0].get_outcome_display()


def test_a_members_only_bodys_motions_are_hidden_from_outsiders(pole, commission, coordinator):
    gf.motion(pole, body_=commission, by=coordinator)
    assert selectors.body_motions(user=coordinator, body=commission)
    commission.pole = pole
    assert selectors.body_motions(user=AnonymousUser(), body=commission) == []


def test_pending_proposals_are_read_with_the_name_of_the_body_that_sent_them(pole, board, commission):
    AgendaItem.objects.create(body=board, title="Sans origine", position=2)
    AgendaItem.objects.create(body=board, title="De la commission", text="*Exposé*", origin_body=commission)
    meeting = Meeting.objects.create(body=board, title="CA", starts_at=timezone.now())
    AgendaItem.objects.create(body=board, title="Déjà inscrit", meeting=meeting)
    items = selectors.pending_proposals(board)
    expected = list(AgendaItem.objects.filter(body=board, meeting__isnull=True).select_related("origin_body"))
    assert [_values(item, selectors.ITEM_FIELDS) for item in items] == [
        _values(item, selectors.ITEM_FIELDS) for item in expected
    ]
    assert [item.origin_body and item.origin_body.name for item in items] == [commission.name, None]


def test_the_body_says_whether_its_reader_follows_it(pole, board, member):
    assert not selectors.body_for_viewer(user=member, pole=pole, pk=board.pk).is_following
    services.body_follow(body=board, person=member)
    assert selectors.body_for_viewer(user=member, pole=pole, pk=board.pk).is_following  # 1 on SQLite
    assert not hasattr(selectors.body_for_viewer(user=AnonymousUser(), pole=pole, pk=board.pk), "is_following")
