"""Reads of governance that depend on who asks: bodies, meetings, motions and decisions a
viewer may see, fetched through access helpers (404 for missing or hidden)."""

import functools
from dataclasses import dataclass

from django.db import connection
from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from peps.core.sql import (
    exists_mark,
    fetch_rows,
    joined_instances,
    joined_select,
    read_one,
    read_rows,
)
from peps.core.tenancy import is_member, is_network_admin
from peps.core.text import search_terms
from peps.core.visibility import Visibility
from peps.poles.models import College, Pole

from .models import (
    AgendaItem,
    AttendanceStatus,
    Ballot,
    Body,
    BodyFollow,
    BodyMember,
    Decision,
    Meeting,
    Motion,
    MotionOption,
    MotionStatus,
    Participation,
    Proxy,
)


def _sees_all(user, pole) -> bool:
    return is_member(user, pole) or is_network_admin(user)


def bodies_visible_to(*, user, pole: Pole) -> QuerySet:
    bodies = Body.objects.filter(pole=pole)
    if not _sees_all(user, pole):
        bodies = bodies.filter(visibility=Visibility.PUBLIC)
    return bodies.annotate(
        seat_count=Count(
            "seats",
            filter=Q(seats__since__lte=timezone.localdate())
            & (Q(seats__until__isnull=True) | Q(seats__until__gt=timezone.localdate())),
        )
    ).order_by("position", "name")


def _one(queryset: QuerySet):
    """The row of a lookup by primary key, or None: get() writes no ORDER BY (first() sorts by
    the model's ordering, whose compiling cost more than the rest of the query)."""
    try:
        return queryset.get()
    except queryset.model.DoesNotExist:
        return None


def body_for_viewer(*, user, pole: Pole, pk: int) -> Body:
    """The access helper of a body's pages, with `is_following` (whether the reader follows it)."""
    # Written out (read_one): the ORM's query cost about 0.7 ms in-process to build and compile.
    marks = {}
    if user.is_authenticated:
        marks["is_following"] = exists_mark(BodyFollow, link="body", outer=Body, person=user.pk)
    body = read_one(Body, marks=marks, pole=pole.pk, id=pk)
    if body is not None:
        body.pole = pole  # the pole asked for, already loaded: not joined again
    if body is None or not user.has_perm("governance.view_body", body):
        raise Http404
    return body


# What a seat's line shows of its holder (public_name, a structure's name): a person or a
# structure read whole cost three times as much, for columns no page shows.
HOLDER_FIELDS = ("display_name", "first_name", "last_name", "email")


# The body page's lists, written out as the body itself is (peps.core.sql's columns and
# instances): the ORM's joins, only() and ordering on a related table cost about ten times
# the reads to build and compile (seats 2.2 → 0.4 ms in-process). Each is the ORM's query on
# the same indexes, with the values as parameters; tests hold them to the ORM's answer.
SEAT_FIELDS = ("body", "person", "structure", "college", "role", "mandate", "since", "until")
STRUCTURE_NAME = ("name",)


def _quote(model, name: str = "") -> str:
    """A model's quoted table, or one of its fields' quoted column."""
    quote = connection.ops.quote_name
    return quote(model._meta.get_field(name).column) if name else quote(model._meta.db_table)


SEAT_RELATIONS = (("person", HOLDER_FIELDS), ("structure", STRUCTURE_NAME))


@functools.lru_cache(maxsize=2)
def _seats_sql(vendor: str) -> str:
    seat, college = _quote(BodyMember), _quote(College)
    since, until = (f"{seat}.{_quote(BodyMember, name)}" for name in ("since", "until"))
    return (
        f"{''.join(joined_select(BodyMember, SEAT_FIELDS, SEAT_RELATIONS))}"
        f" LEFT JOIN {college} c ON c.{_quote(College, 'id')} = {seat}.{_quote(BodyMember, 'college')}"
        f" WHERE {seat}.{_quote(BodyMember, 'body')} = %s AND {since} <= %s AND ({until} IS NULL OR {until} > %s)"
        f" ORDER BY c.{_quote(College, 'position')}, c.{_quote(College, 'name')}, {seat}.{_quote(BodyMember, 'role')},"
        f" {since}, {seat}.{_quote(BodyMember, 'id')}"
    )


def body_seats(body: Body) -> list[BodyMember]:
    """The current seats (eligibility.current_seats) by college, role and date, with what a
    seat's line shows of its holder (public_name, a structure's name): a person or a
    structure read whole cost three times as much, for columns no page shows."""
    today = connection.ops.adapt_datefield_value(timezone.localdate())
    rows = fetch_rows(_seats_sql(connection.vendor), [body.pk, today, today])
    return joined_instances(BodyMember, SEAT_FIELDS, SEAT_RELATIONS, rows)


def board_colleges(body: Body, seats: list[BodyMember]) -> list[dict]:
    """For the board: each college with its seats, and how many are still free."""
    colleges = read_rows(College, only=None, order=("position", "name"), pole=body.pole_id)
    rows = []
    for college in colleges:
        taken = [s for s in seats if s.college_id == college.pk]
        rows.append({"college": college, "seats": taken, "free": max(0, college.board_seats - len(taken))})
    return rows


MEETING_FIELDS = ("title", "starts_at", "place", "minutes_published_at", "body")
MOTION_FIELDS = ("pole", "body", "title", "status", "outcome", "closes_at")


def body_meetings(body: Body, *, limit: int = 20) -> list[Meeting]:
    """The body's latest meetings (the columns its page shows), newest first."""
    return read_rows(Meeting, only=MEETING_FIELDS, order=("-starts_at", "-id"), limit=limit, body=body.pk)


def body_motions(*, user, body: Body, limit: int = 20) -> list[Motion]:
    """motions_visible_to(body=body)'s first motions (the columns the body's page shows)."""
    if not _sees_all(user, body.pole) and body.visibility != Visibility.PUBLIC:
        return []
    return read_rows(
        Motion, only=MOTION_FIELDS, order=("status", "-closes_at", "-id"), limit=limit, pole=body.pole_id, body=body.pk
    )


def meeting_for_viewer(*, user, pole: Pole, pk: int) -> Meeting:
    meeting = _one(Meeting.objects.filter(body__pole=pole, pk=pk).select_related("body", "body__pole"))
    if meeting is None or not user.has_perm("governance.view_body", meeting.body):
        raise Http404
    return meeting


def meeting_items(meeting: Meeting) -> list[AgendaItem]:
    return list(meeting.items.select_related("origin_body").prefetch_related("motions"))


ITEM_FIELDS = ("body", "meeting", "title", "text", "position", "origin_body")
BODY_NAME = ("name",)


ITEM_RELATIONS = (("origin_body", BODY_NAME),)


@functools.lru_cache(maxsize=2)
def _pending_sql(vendor: str) -> str:
    item = _quote(AgendaItem)
    return (
        f"{''.join(joined_select(AgendaItem, ITEM_FIELDS, ITEM_RELATIONS))}"
        f" WHERE {item}.{_quote(AgendaItem, 'body')} = %s AND {item}.{_quote(AgendaItem, 'meeting')} IS NULL"
        f" ORDER BY {item}.{_quote(AgendaItem, 'position')}, {item}.{_quote(AgendaItem, 'id')}"
    )


def pending_proposals(board: Body) -> list[AgendaItem]:
    """Agenda items of the board not yet on a meeting (commissions' proposals, mostly), with
    the name of the body that proposed each."""
    rows = fetch_rows(_pending_sql(connection.vendor), [board.pk])
    return joined_instances(AgendaItem, ITEM_FIELDS, ITEM_RELATIONS, rows)


def motions_visible_to(*, user, pole: Pole, status: str = "", body: Body | None = None) -> QuerySet:
    motions = Motion.objects.filter(pole=pole)
    if not _sees_all(user, pole):
        motions = motions.filter(body__visibility=Visibility.PUBLIC)
    if body is not None:
        motions = motions.filter(body=body)
    if status in MotionStatus.values:
        motions = motions.filter(status=status)
    return motions.select_related("body", "pole").order_by("status", "-closes_at", "-pk")


def motion_for_viewer(*, user, pole: Pole, pk: int) -> Motion:
    motion = _one(
        Motion.objects.filter(pole=pole, pk=pk).select_related(
            "body", "meeting", "agenda_item", "agenda_item__origin_body"
        )
    )
    if motion is not None:
        motion.pole = pole  # the pole asked for, already loaded: not joined again
    if motion is None or not user.has_perm("governance.view_motion", motion):
        raise Http404
    return motion


def motion_open_ballots(motion: Motion) -> list[Ballot]:
    """Who voted what, for an open ballot once it is closed (never for a secret one)."""
    if motion.secret:
        return []
    return list(
        _ballots_with_voters(Ballot.objects.filter(motion=motion))
        .prefetch_related(Prefetch("options", queryset=MotionOption.objects.only("id", "label", "position")))
        .order_by("choice", "pk")
    )


def _ballots_with_voters(ballots: QuerySet) -> QuerySet:
    """Ballots with what the results show of their voter (a name), not the whole person."""
    return ballots.select_related("person", "structure").only(
        "id",
        "motion_id",
        "choice",
        "reason",
        "person_id",
        "structure_id",
        *(f"person__{name}" for name in HOLDER_FIELDS),
        "structure__name",
    )


def motion_objections(motion: Motion) -> list[Ballot]:
    return list(_ballots_with_voters(Ballot.objects.filter(motion=motion, choice="object")).order_by("pk"))


def motion_decision(motion: Motion) -> Decision | None:
    """The register's entry of a closed motion: the page shows its number."""
    return _one(Decision.objects.filter(motion=motion).only("id", "pole_id", "motion_id", "number"))


def motion_participants(motion: Motion) -> QuerySet:
    return Participation.objects.filter(motion=motion).select_related("person", "structure", "cast_by").order_by("pk")


PROXY_FIELDS = ("body", "giver", "giver_structure", "holder", "created_by", "created_at")


PROXY_RELATIONS = (("giver", HOLDER_FIELDS), ("holder", HOLDER_FIELDS), ("giver_structure", STRUCTURE_NAME))


@functools.lru_cache(maxsize=2)
def _proxies_sql(vendor: str) -> str:
    proxy = _quote(Proxy)
    giver, holder, made_by = (f"{proxy}.{_quote(Proxy, name)}" for name in ("giver", "holder", "created_by"))
    return (
        f"{''.join(joined_select(Proxy, PROXY_FIELDS, PROXY_RELATIONS))}"
        f" WHERE {proxy}.{_quote(Proxy, 'body')} = %s AND {proxy}.{_quote(Proxy, 'revoked_at')} IS NULL"
        f" AND ({giver} = %s OR {made_by} = %s OR {holder} = %s) ORDER BY {proxy}.{_quote(Proxy, 'id')}"
    )


def proxies_of(*, body: Body, user) -> dict:
    """The active proxies `user` gave (or made for a structure) and holds, with the names of
    the people and structures in them, in one query."""
    rows = fetch_rows(_proxies_sql(connection.vendor), [body.pk, user.pk, user.pk, user.pk])
    proxies = joined_instances(Proxy, PROXY_FIELDS, PROXY_RELATIONS, rows)
    return {
        "given": [proxy for proxy in proxies if user.pk in (proxy.giver_id, proxy.created_by_id)],
        "held": [proxy for proxy in proxies if proxy.holder_id == user.pk],
    }


def decisions_visible_to(*, user, pole: Pole, filters: dict) -> QuerySet:
    decisions = Decision.objects.filter(pole=pole)
    if not _sees_all(user, pole):
        decisions = decisions.filter(body__visibility=Visibility.PUBLIC)
    if filters.get("body"):
        decisions = decisions.filter(body=filters["body"])
    if filters.get("year"):
        decisions = decisions.filter(year=filters["year"])
    for term in search_terms(filters.get("q") or ""):
        decisions = decisions.filter(search_text__contains=term)
    return decisions.select_related("body", "meeting", "motion").order_by("-year", "-sequence")


@dataclass
class SeatAttendance:
    """A seat of the meeting's body and whether its holder came ("" when not recorded)."""

    seat: BodyMember
    status: str = ""

    @property
    def label(self) -> str:
        return str(AttendanceStatus(self.status).label) if self.status else ""


def seats_with_attendance(meeting: Meeting) -> list[SeatAttendance]:
    statuses = dict(meeting.attendances.values_list("seat_id", "status"))
    return [SeatAttendance(seat=seat, status=statuses.get(seat.pk, "")) for seat in body_seats(meeting.body)]
