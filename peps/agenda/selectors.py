"""Reads of the agenda that depend on who asks: visible events, the month grid, an event's
registrations, calendar feeds and the record of a Bourse aux projets."""

import calendar
import datetime
import functools
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.db.models import Count, IntegerField, Q, QuerySet
from django.db.models.expressions import RawSQL
from django.http import Http404
from django.utils import timezone

from peps.commons.models import Permanence
from peps.core.access import require
from peps.core.pagination import MAX_COUNT, Page, page_number, page_of_rows
from peps.core.sql import column, fetch_rows, joined_instances, joined_select, order_sql, read_one
from peps.core.tenancy import is_member
from peps.directory.models import RepresentativeStatus, Structure
from peps.poles.models import MembershipStatus, Pole
from peps.projects.models import Project

from .models import (
    Audience,
    BourseContribution,
    BourseSession,
    CalendarToken,
    Event,
    EventStatus,
    PresentationSlot,
    Registration,
    RegistrationStatus,
    ResourcePerson,
)

PERSON_FIELDS = ("display_name", "first_name", "last_name", "email")
# What the month grid and upcoming_events() read of each event; joined so a list costs one query.
CARD_FIELDS = (
    "id",
    "title",
    "kind",
    "starts_at",
    "ends_at",
    "place_kind",
    "address",
    "online_url",
    "capacity",
    "audience",
    "registration_open",
    "status",
    "pole_id",
    "pole__slug",
    "room_id",
    "room__name",
    "room__location",
    "commune_id",
    "commune__name",
    "commune__departement_id",
)
FEED_PAST_DAYS = 90
FEED_MAX_EVENTS = 500


def _person_fields(prefix: str) -> list[str]:
    return [f"{prefix}__{name}" for name in PERSON_FIELDS]


def publishing_structures(*, user, pole: Pole) -> QuerySet[Structure]:
    """Member structures of the pole this person represents (approved claim)."""
    if not (user and user.is_authenticated):
        return Structure.objects.none()
    return Structure.objects.filter(
        pole=pole,
        is_active=True,
        representatives__person_id=user.pk,
        representatives__status=RepresentativeStatus.APPROVED,
        memberships__pole=pole,
        memberships__status=MembershipStatus.ACTIVE,
    ).order_by("name")


def events_visible_to(*, user, pole: Pole) -> QuerySet[Event]:
    """Public events for everybody; members-only ones for members of the pole."""
    events = Event.objects.filter(pole=pole)
    if user.is_superuser or is_member(user, pole):
        return events
    return events.filter(audience=Audience.PUBLIC)


def with_card_relations(events: QuerySet[Event]) -> QuerySet[Event]:
    return (
        events.select_related("pole", "room", "commune")
        .only(*CARD_FIELDS)
        .annotate(confirmed_count=Count("registrations", filter=Q(registrations__status=RegistrationStatus.CONFIRMED)))
    )


def upcoming_events(*, user, pole: Pole, now: datetime.datetime | None = None) -> QuerySet[Event]:
    """Events not yet over, soonest first (the list page; paginated by the caller)."""
    now = now or timezone.now()
    events = events_visible_to(user=user, pole=pole).filter(ends_at__gte=now)
    return with_card_relations(events).order_by("starts_at", "pk")


# The list page's reads written out (upcoming_page, pole_permanences): the ORM's joins,
# only(), grouped count and its count of the grouped query cost about 2 ms to build and
# compile on every view of an agenda, most of them empty; a test holds each to the ORM.
LIST_FIELDS = (
    "title", "kind", "starts_at", "ends_at", "place_kind", "address", "online_url", "capacity",
    "audience", "registration_open", "status", "pole", "room", "commune",
)  # fmt: skip
LIST_RELATIONS = (("pole", ("slug",)), ("room", ("name", "location")), ("commune", ("name", "departement")))
PERMANENCE_FIELDS = ("pole", "resource", "title", "weekday", "week_of_month", "start_time", "end_time")
PERMANENCE_RELATIONS = (("resource", ("name",)),)


@functools.lru_cache(maxsize=4)
def _list_sql(vendor: str, everyone: bool) -> dict[str, str]:
    quote = connection.ops.quote_name
    head, tail = joined_select(Event, LIST_FIELDS, LIST_RELATIONS)
    registrations = quote(Registration._meta.db_table)
    confirmed = (
        f"(SELECT COUNT(*) FROM {registrations} WHERE {column(Registration, 'event')} = {column(Event, 'pk')}"  # noqa: S608 - the models' quoted names
        f" AND {column(Registration, 'status')} = %s)"
    )
    audience = "" if everyone else f" AND {column(Event, 'audience')} = %s"
    where = f" WHERE {column(Event, 'pole')} = %s{audience} AND {column(Event, 'ends_at')} >= %s"
    permanences = joined_select(Permanence, PERMANENCE_FIELDS, PERMANENCE_RELATIONS)
    active = f"{column(Permanence, 'pole')} = %s AND {column(Permanence, 'is_active')}"
    return {
        "rows": f"{head}, {confirmed}{tail}{where} ORDER BY {order_sql(Event, ('starts_at', 'pk'))} LIMIT %s OFFSET %s",
        "count": f"SELECT COUNT(*) FROM (SELECT 1 FROM {quote(Event._meta.db_table)}{where} LIMIT %s) n",  # noqa: S608 - the models' quoted names
        "permanences": f"{''.join(permanences)} WHERE {active} ORDER BY {order_sql(Permanence, ('title', 'pk'))} LIMIT %s",
    }


def upcoming_page(*, user, pole: Pole, request, now: datetime.datetime | None = None) -> Page:
    """A page of upcoming_events() (as with_card_relations() loads them, with their
    confirmed_count) and how many there are (at most MAX_COUNT), by written-out queries."""
    everyone = bool(user.is_superuser or is_member(user, pole))
    parts = _list_sql(connection.vendor, everyone)
    moment = connection.ops.adapt_datetimefield_value(now or timezone.now())
    where = [pole.pk, *([] if everyone else [Audience.PUBLIC]), moment]
    per_page, number = settings.PEPS_PAGE_SIZE, page_number(request)
    params = [RegistrationStatus.CONFIRMED, *where, per_page + 1, (number - 1) * per_page]
    rows = fetch_rows(parts["rows"], params)
    events: list[Any] = joined_instances(Event, LIST_FIELDS, LIST_RELATIONS, rows[:per_page])
    for event, row in zip(events, rows, strict=False):
        event.confirmed_count = row[-1]
    ((count,),) = fetch_rows(parts["count"], [*where, MAX_COUNT + 1])
    return page_of_rows(events, fetched=len(rows), number=number, per_page=per_page, count=count)


def pole_permanences(*, pole: Pole, limit: int = 20) -> list[Permanence]:
    """The pole's active permanences by title, with their room's name, for the agenda's list:
    what commons.permanences.permanences_of_pole() reads of them, written out."""
    parts = _list_sql(connection.vendor, True)
    rows = fetch_rows(parts["permanences"], [pole.pk, limit])
    permanences = joined_instances(Permanence, PERMANENCE_FIELDS, PERMANENCE_RELATIONS, rows)
    pole_field: Any = Permanence._meta.get_field("pole")
    for permanence in permanences:
        pole_field.set_cached_value(permanence, pole)  # get_absolute_url reads its slug
    return permanences


@dataclass
class MonthGrid:
    year: int
    month: int
    first_day: datetime.date
    weeks: list[list[dict]]
    previous: datetime.date
    next: datetime.date
    count: int = 0
    today: datetime.date = field(default_factory=timezone.localdate)


def month_grid(*, user, pole: Pole, year: int, month: int) -> MonthGrid:
    """A month of events as weeks of days (Monday first), in the local time zone; one query."""
    first = datetime.date(year, month, 1)
    last = datetime.date(year, month, calendar.monthrange(year, month)[1])
    tz = timezone.get_current_timezone()
    start = datetime.datetime.combine(first, datetime.time.min, tzinfo=tz)
    end = datetime.datetime.combine(last + datetime.timedelta(days=1), datetime.time.min, tzinfo=tz)
    events = with_card_relations(
        events_visible_to(user=user, pole=pole).filter(starts_at__lt=end, ends_at__gt=start)
    ).order_by("starts_at", "pk")
    by_day: dict[datetime.date, list[Event]] = defaultdict(list)
    count = 0
    for event in events:
        count += 1
        # An event spanning several days appears on each of them (within the month).
        day = max(timezone.localtime(event.starts_at).date(), first)
        until = min(timezone.localtime(event.ends_at - datetime.timedelta(microseconds=1)).date(), last)
        while day <= until:
            by_day[day].append(event)
            day += datetime.timedelta(days=1)
    weeks = []
    for week in calendar.Calendar(firstweekday=0).monthdatescalendar(year, month):
        weeks.append([{"date": day, "in_month": day.month == month, "events": by_day.get(day, [])} for day in week])
    previous = (first - datetime.timedelta(days=1)).replace(day=1)
    following = last + datetime.timedelta(days=1)
    return MonthGrid(
        year=year, month=month, first_day=first, weeks=weeks, previous=previous, next=following, count=count
    )


# What an event's pages show with it, joined (as select_related joins them).
_EVENT_RELATIONS = ("room", "commune", "organiser_structure", "created_by", "bourse")


@functools.lru_cache(maxsize=2)
def _registrations_sql(vendor: str) -> str:
    quote = connection.ops.quote_name
    registration: Any = Registration._meta
    table, event_id, status = (
        quote(name)
        for name in (
            registration.db_table,
            registration.get_field("event").column,
            registration.get_field("status").column,
        )
    )
    event = f"{quote(Event._meta.db_table)}.{quote(Event._meta.pk.column or '')}"
    return f"(SELECT COUNT(*) FROM {table} r WHERE r.{event_id} = {event} AND r.{status} = %s)"  # noqa: S608 - the models' quoted names


def _registrations_counted(status: str) -> RawSQL:
    return RawSQL(_registrations_sql(connection.vendor), (status,), output_field=IntegerField())  # noqa: S611 - names from the models, the status as parameter


def event_for_viewer(*, user, pole: Pole, pk: int) -> Event:
    """The access helper: 404 when missing, of another pole, or members-only for an outsider.
    The event, its relations and its confirmed and waiting registrations counted, by one
    written-out query (read_one): the ORM's version (five joins, two counting subqueries) cost
    7.7 ms in-process to build and compile, several times the read."""
    marks = {
        "confirmed_count": _registrations_counted(RegistrationStatus.CONFIRMED),
        "waiting_count": _registrations_counted(RegistrationStatus.WAITING),
    }
    event = read_one(Event, relations=_EVENT_RELATIONS, marks=marks, pole=pole.pk, id=pk)
    if event is None:
        raise Http404
    event.pole = pole  # the request's pole, already read: not joined again
    require(user, "agenda.view_event", event, hide=True)
    return event


def event_for_organiser(*, user, pole: Pole, pk: int) -> Event:
    """Same as event_for_viewer, then 403 unless the person may run the event."""
    event = event_for_viewer(user=user, pole=pole, pk=pk)
    if not user.has_perm("agenda.change_event", event):
        raise PermissionDenied
    return event


def registration_of(*, event: Event, user) -> Registration | None:
    if not user.is_authenticated:
        return None
    return Registration.objects.filter(event=event, person_id=user.pk).first()


def waiting_rank(*, registration: Registration) -> int:
    """1 for the first person on the waiting list."""
    return (
        Registration.objects.filter(
            event_id=registration.event_id, status=RegistrationStatus.WAITING, position__lte=registration.position
        ).count()
        if registration.status == RegistrationStatus.WAITING
        else 0
    )


def event_registrations(*, event: Event) -> list[Registration]:
    """Everyone registered, confirmed first then the waiting list, each in order of arrival."""
    registrations = (
        Registration.objects.filter(event=event)
        .exclude(status=RegistrationStatus.CANCELLED)
        .select_related("person")
        .only("id", "status", "position", "attendance", "created_at", "event_id", *_person_fields("person"))
        .order_by("status", "position")  # "confirmed" sorts before "waiting"
    )
    return list(registrations)


def public_feed_events(*, pole: Pole, now: datetime.datetime | None = None) -> QuerySet[Event]:
    """The pole's public iCalendar feed: public events from three months ago onwards."""
    since = (now or timezone.now()) - datetime.timedelta(days=FEED_PAST_DAYS)
    return (
        Event.objects.filter(pole=pole, audience=Audience.PUBLIC, ends_at__gte=since)
        .select_related("pole", "room", "commune")
        .order_by("starts_at", "pk")[:FEED_MAX_EVENTS]
    )


def person_for_token(token: str):
    """The owner of a private feed token, or 404."""
    found = CalendarToken.objects.filter(token=token).select_related("person").first() if token else None
    if found is None or not found.person.is_active:
        raise Http404
    return found.person


def private_feed_registrations(*, person, pole: Pole, now: datetime.datetime | None = None) -> list[Registration]:
    """A person's own registrations (confirmed or waiting) in the pole, recent and upcoming,
    each with its event."""
    since = (now or timezone.now()) - datetime.timedelta(days=FEED_PAST_DAYS)
    return list(
        Registration.objects.filter(
            person=person,
            event__pole=pole,
            event__ends_at__gte=since,
            status__in=[RegistrationStatus.CONFIRMED, RegistrationStatus.WAITING],
        )
        .select_related("event", "event__pole", "event__room", "event__commune")
        .order_by("event__starts_at")[:FEED_MAX_EVENTS]
    )


@dataclass
class ProjectRecord:
    project: Project
    slot: PresentationSlot | None
    contributions: list[BourseContribution]
    can_view: bool


def session_record(*, session: BourseSession, user) -> dict:
    """What a Bourse aux projets page shows: presentations in order, resource people,
    who came, and the contributions grouped by project (each list: one query)."""
    slots = list(
        PresentationSlot.objects.filter(session=session)
        .select_related("project", "project__pole", "project__holder", "project__holder_structure")
        .order_by("position", "starts_at", "pk")
    )
    resource_people = list(
        ResourcePerson.objects.filter(session=session)
        .select_related("person")
        .only("id", "invited_at", "session_id", *_person_fields("person"))
    )
    contributions = list(
        BourseContribution.objects.filter(session=session)
        .select_related("given_by", "given_by_structure", "project")
        .order_by("project_id", "created_at", "pk")
    )
    by_project: dict[int, list[BourseContribution]] = defaultdict(list)
    for contribution in contributions:
        by_project[contribution.project_id].append(contribution)
    records = []
    seen = set()
    for slot in slots:
        seen.add(slot.project_id)
        records.append(
            ProjectRecord(
                project=slot.project,
                slot=slot,
                contributions=by_project.get(slot.project_id, []),
                can_view=user.has_perm("projects.view_project", slot.project),
            )
        )
    # A contribution to a project whose slot was removed still belongs to the record.
    for contribution in contributions:
        if contribution.project_id not in seen:
            seen.add(contribution.project_id)
            records.append(
                ProjectRecord(
                    project=contribution.project,
                    slot=None,
                    contributions=by_project[contribution.project_id],
                    can_view=user.has_perm("projects.view_project", contribution.project),
                )
            )
    return {
        "slots": slots,
        "resource_people": resource_people,
        "records": records,
        "contributions_count": len(contributions),
    }


def session_attendees(*, event: Event) -> dict:
    """Who came: registrations marked present (or, before anyone is marked, the confirmed ones)."""
    registrations = [r for r in event_registrations(event=event) if r.status == RegistrationStatus.CONFIRMED]
    present = [r for r in registrations if r.attendance == "present"]
    return {"registrations": registrations, "present": present, "marked": any(r.attendance for r in registrations)}


def projects_for_slots(*, pole: Pole) -> QuerySet[Project]:
    return Project.objects.filter(pole=pole).only("id", "title").order_by("title")


def member_structures(*, pole: Pole) -> QuerySet[Structure]:
    """Structures with an active membership: who may give advice on behalf of an organisation."""
    return (
        Structure.objects.filter(pole=pole, memberships__pole=pole, memberships__status=MembershipStatus.ACTIVE)
        .only("id", "name")
        .order_by("name")
    )


def is_active_event(event: Event) -> bool:
    return event.status == EventStatus.SCHEDULED
