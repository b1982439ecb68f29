"""Reads of governance that depend on who asks: bodies, meetings, motions and decisions a
viewer may see, fetched through access helpers (404 for missing or hidden)."""

from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from peps.accounts.models import User
from peps.core.sql import read_one
from peps.core.tenancy import is_member, is_network_admin
from peps.core.text import search_terms
from peps.core.visibility import Visibility
from peps.directory.models import Structure
from peps.poles.models import College, Pole

from .eligibility import current_seats
from .models import (
    AgendaItem,
    AttendanceStatus,
    Ballot,
    Body,
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
    # Written out (read_one): the ORM's query cost about 0.7 ms in-process to build and compile.
    body = read_one(Body, pole=pole.pk, id=pk)
    if body is not None:
        body.pole = pole  # the pole asked for, already loaded: not joined again
    if body is None or not user.has_perm("governance.view_body", body):
        raise Http404
    return body


# What a seat's line shows of its holder (public_name, a structure's name): a person or a
# structure read whole cost three times as much, for columns no page shows.
HOLDER_FIELDS = ("display_name", "first_name", "last_name", "email")


def body_seats(body: Body) -> list[BodyMember]:
    return list(
        current_seats(body)
        .select_related("person", "structure")
        .only(
            "id",
            "body_id",
            "person_id",
            "structure_id",
            "college_id",
            "role",
            "mandate",
            "since",
            "until",
            *(f"person__{name}" for name in HOLDER_FIELDS),
            "structure__name",
        )
        .order_by("college__position", "college__name", "role", "since", "pk")
    )


def board_colleges(body: Body, seats: list[BodyMember]) -> list[dict]:
    """For the board: each college with its seats, and how many are still free."""
    colleges = College.objects.filter(pole_id=body.pole_id).order_by("position", "name")
    rows = []
    for college in colleges:
        taken = [s for s in seats if s.college_id == college.pk]
        rows.append({"college": college, "seats": taken, "free": max(0, college.board_seats - len(taken))})
    return rows


def meetings_of(body: Body) -> QuerySet:
    return Meeting.objects.filter(body=body).only(
        "id", "title", "starts_at", "place", "minutes_published_at", "body_id"
    )


def meeting_for_viewer(*, user, pole: Pole, pk: int) -> Meeting:
    meeting = _one(Meeting.objects.filter(body__pole=pole, pk=pk).select_related("body", "body__pole"))
    if meeting is None or not user.has_perm("governance.view_body", meeting.body):
        raise Http404
    return meeting


def meeting_items(meeting: Meeting) -> list[AgendaItem]:
    return list(meeting.items.select_related("origin_body").prefetch_related("motions"))


def pending_proposals(board: Body) -> QuerySet:
    """Agenda items of the board not yet on a meeting: commissions' proposals, mostly."""
    # Prefetched, not joined: the board usually has none waiting, and then no second query.
    return (
        AgendaItem.objects.filter(body=board, meeting__isnull=True)
        .only("id", "body_id", "meeting_id", "title", "text", "position", "origin_body_id")
        .prefetch_related(Prefetch("origin_body", queryset=Body.objects.only("id", "name")))
    )


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


def proxies_of(*, body: Body, user) -> dict:
    """The active proxies `user` gave (or made for a structure) and holds: one query, and the
    names of the people and structures in them (prefetched: most people have no proxy, and
    then nothing more is read)."""
    people = User.objects.only("id", *HOLDER_FIELDS)
    active = (
        Proxy.objects.filter(body=body, revoked_at__isnull=True)
        .filter(Q(giver=user) | Q(created_by=user) | Q(holder=user))
        .only("id", "body_id", "giver_id", "giver_structure_id", "holder_id", "created_by_id", "created_at")
        .prefetch_related(
            Prefetch("giver", queryset=people),
            Prefetch("holder", queryset=people),
            Prefetch("giver_structure", queryset=Structure.objects.only("id", "name")),
        )
        .order_by("pk")
    )
    proxies = list(active)
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
