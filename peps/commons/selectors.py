"""Reads of shared resources: the catalogue, a resource's week calendar, free slots,
someone's bookings, the coordinator's queues and the usage statistics."""

import datetime
import functools
import math
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db import connection
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from peps.core.dates import month_names, weekday_names
from peps.core.sql import column, fetch_rows, from_db, read_one
from peps.core.text import search_terms
from peps.directory.models import RepresentativeStatus, Structure

from .models import ACTIVE_STATUSES, Booking, BookingStatus, Permanence, Resource, ResourceKind
from .timeslots import Slot, at_local, fits_opening_hours, free_slots

# --- Resources -------------------------------------------------------------------------


def resource_catalogue(*, pole, include_inactive: bool = False, kind: str = "", query: str = "") -> QuerySet:
    resources = Resource.objects.filter(pole=pole)
    if not include_inactive:
        resources = resources.filter(is_active=True)
    if kind:
        resources = resources.filter(kind=kind)
    for term in search_terms(query):
        resources = resources.filter(search_text__contains=term)
    return resources.only(
        "pk",
        "pole_id",
        "kind",
        "equipment_category",
        "name",
        "location",
        "author",
        "capacity",
        "is_accessible",
        "requires_approval",
        "who_may_book",
        "is_active",
    ).order_by("kind", "name")


def resource_for_viewer(*, user, pole, pk: int) -> Resource:
    """404 for a resource of another pole, and for a withdrawn one unless coordinating."""
    # Written out (read_one): the ORM's query, its join on the pole and first()'s ordering cost
    # about 1 ms in-process to build and compile. The pole is the one asked for, already read.
    resource = read_one(Resource, pole=pole.pk, id=pk)
    if resource is not None:
        resource.pole = pole
    if resource is None or not user.has_perm("commons.view_resource", resource):
        raise Http404
    return resource


def future_bookings(*, resource: Resource, now: datetime.datetime | None = None) -> list[Booking]:
    """Active bookings of the resource that have not ended yet."""
    now = now or timezone.now()
    return list(
        resource.bookings.filter(status__in=ACTIVE_STATUSES, ends_at__gt=now)
        .select_related("booked_by", "structure")
        .order_by("starts_at")
    )


def bookable_structures(*, user, pole) -> QuerySet:
    """The structures of the pole this person speaks for: they may book on their behalf."""
    if not user.is_authenticated:
        return Structure.objects.none()
    return Structure.objects.filter(
        pole=pole,
        is_active=True,
        representatives__person=user,
        representatives__status=RepresentativeStatus.APPROVED,
    ).order_by("name")


# --- Calendar and free slots -----------------------------------------------------------

CALENDAR_HOURS = range(7, 23)  # rows of the week view, local time; the list below it shows the rest


def monday_of(day: datetime.date) -> datetime.date:
    return day - datetime.timedelta(days=day.weekday())


@dataclass
class WeekBooking:
    """A booking as the week calendar shows it, read as plain values: a busy week lists a
    hundred, and five model instances per row cost more than the rest of the page."""

    pk: int
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    status: str
    status_label: str
    purpose: str
    person: str  # who booked, as User.public_name writes it
    structure_name: str | None
    permanence_pk: int | None
    permanence_title: str | None
    starts_label: str = ""  # « lundi 7 décembre 09:00 », written once for the list
    ends_label: str = ""


@dataclass
class CalendarCell:
    day: datetime.date
    starts_at: datetime.datetime
    bookings: list = field(default_factory=list)

    @property
    def is_free(self) -> bool:
        return not self.bookings


def _public_name(display: str, first: str, last: str, email: str) -> str:
    # User.public_name, from the values of the row (no User instance per booking).
    return display or f"{first} {last}".strip() or email.split("@")[0]


def week_calendar(*, resource: Resource, week_of: datetime.date) -> dict:
    """A week (Monday to Sunday, Europe/Paris) of hourly cells, each free or busy, and the
    active bookings of that week. One query of plain values whatever the number of bookings."""
    monday = monday_of(week_of)
    days = [monday + datetime.timedelta(days=i) for i in range(7)]
    week_start = at_local(monday, datetime.time(0))
    week_end = at_local(monday + datetime.timedelta(days=7), datetime.time(0))
    statuses_in = list(ACTIVE_STATUSES)
    rows_of_bookings = fetch_rows(
        _week_bookings_sql(connection.vendor, len(statuses_in)),
        [resource.pk, *(connection.ops.adapt_datetimefield_value(t) for t in (week_start, week_end)), *statuses_in],
    )
    to_moment = from_db(Booking, "starts_at")
    statuses = {value: str(label).lower() for value, label in BookingStatus.choices}
    weekdays, months = weekday_names(), month_names()

    zone = timezone.get_current_timezone()

    def day_time(moment: datetime.datetime) -> str:
        # Django's date:"l j F H:i", without its formatter (two hundred dates on a busy week).
        local = moment.astimezone(zone)
        return f"{weekdays[local.weekday()]} {local.day} {months[local.month]} {local.hour:02d}:{local.minute:02d}"

    bookings = []
    for (
        pk,
        starts,
        ends,
        status,
        purpose,
        display,
        first,
        last,
        email,
        structure,
        perm_pk,
        perm_title,
    ) in rows_of_bookings:
        starts, ends = to_moment(starts), to_moment(ends)
        bookings.append(
            WeekBooking(
                pk=pk,
                starts_at=starts,
                ends_at=ends,
                status=status,
                status_label=statuses.get(status, status),
                purpose=purpose,
                person=_public_name(display, first, last, email),
                structure_name=structure,
                permanence_pk=perm_pk,
                permanence_title=perm_title,
                starts_label=day_time(starts),
                ends_label=day_time(ends),
            )
        )
    # Each booking goes to the hourly cells it covers, found by arithmetic: a day's cells are
    # an hour apart from 7:00 (clocks change at night). Plain timestamps, because comparing
    # aware datetimes of different zones is slow.
    first_hour, hours = CALENDAR_HOURS.start, len(CALENDAR_HOURS)
    day_starts = [at_local(day, datetime.time(first_hour)) for day in days]
    bases = [start.timestamp() for start in day_starts]
    covering: list[list[list[WeekBooking]]] = [[[] for _ in days] for _ in CALENDAR_HOURS]
    for booking in bookings:
        low, high = booking.starts_at.timestamp(), booking.ends_at.timestamp()
        for day_index, base in enumerate(bases):
            first_row = max(0, math.floor((low - base) / 3600))
            last_row = min(hours, math.ceil((high - base) / 3600))
            for row in range(first_row, last_row):
                covering[row][day_index].append(booking)
    rows = [
        {
            "time": datetime.time(hour),
            "cells": [
                CalendarCell(day, day_starts[day_index] + datetime.timedelta(hours=row), covering[row][day_index])
                for day_index, day in enumerate(days)
            ],
        }
        for row, hour in enumerate(CALENDAR_HOURS)
    ]
    return {
        "days": days,
        "rows": rows,
        "bookings": bookings,
        "monday": monday,
        "previous_week": monday - datetime.timedelta(days=7),
        "next_week": monday + datetime.timedelta(days=7),
        "this_week": monday_of(timezone.localdate()),
    }


@functools.lru_cache(maxsize=8)
def _week_bookings_sql(vendor: str, statuses: int) -> str:
    """The active bookings of a resource that overlap a period, with who booked them, for
    which structure and, for a permanence's dates, its name: what week_calendar() shows,
    written out (building and compiling the ORM's query of four joins cost more than running
    it). A permanence joins on its series directly: a booking's series always exists."""
    user = get_user_model()
    quote = connection.ops.quote_name
    values = [
        *(column(Booking, name, "b") for name in ("pk", "starts_at", "ends_at", "status", "purpose")),
        *(column(user, name, "u") for name in ("display_name", "first_name", "last_name", "email")),
        column(Structure, "name", "s"),
        column(Permanence, "pk", "p"),
        column(Permanence, "title", "p"),
    ]
    return (
        f"SELECT {', '.join(values)} FROM {quote(Booking._meta.db_table)} b"  # noqa: S608 - the models' quoted names, values as parameters
        f" INNER JOIN {quote(user._meta.db_table)} u ON {column(user, 'pk', 'u')} = {column(Booking, 'booked_by', 'b')}"
        f" LEFT JOIN {quote(Structure._meta.db_table)} s ON {column(Structure, 'pk', 's')} = {column(Booking, 'structure', 'b')}"
        f" LEFT JOIN {quote(Permanence._meta.db_table)} p ON {column(Permanence, 'series', 'p')} = {column(Booking, 'series', 'b')}"
        f" WHERE {column(Booking, 'resource', 'b')} = %s AND {column(Booking, 'ends_at', 'b')} > %s"
        f" AND {column(Booking, 'starts_at', 'b')} < %s AND {column(Booking, 'status', 'b')} IN ({', '.join(['%s'] * statuses)})"
        f" ORDER BY {column(Booking, 'starts_at', 'b')}, {column(Booking, 'pk', 'b')}"
    )


def next_free_slots(
    *, resource: Resource, after: datetime.datetime, duration: datetime.timedelta, count: int = 3
) -> list[Slot]:
    """The `count` earliest free slots of the same length from `after` on, not overlapping each
    other. A room asked for during opening hours is offered slots within opening hours."""
    horizon = after + datetime.timedelta(days=180) + duration
    busy = resource.bookings.filter(status__in=ACTIVE_STATUSES, ends_at__gt=after, starts_at__lt=horizon).values_list(
        "starts_at", "ends_at"
    )
    opening = resource.kind == ResourceKind.ROOM and fits_opening_hours(after, after + duration)
    return free_slots(list(busy), after=after, duration=duration, count=count, opening_hours=opening)


# --- Bookings --------------------------------------------------------------------------


def booking_for_viewer(*, user, pole, pk: int) -> Booking:
    """404 for a booking of another pole, or someone else's unless coordinating."""
    booking = (
        Booking.objects.filter(pole=pole, pk=pk).select_related("pole", "resource", "booked_by", "structure").first()
    )
    if booking is None or not user.has_perm("commons.view_booking", booking):
        raise Http404
    return booking


def my_bookings(*, user, pole, now: datetime.datetime | None = None) -> dict:
    now = now or timezone.now()
    bookings = Booking.objects.filter(pole=pole, booked_by=user).select_related("resource", "structure")
    return {
        "upcoming": list(
            bookings.filter(ends_at__gt=now).exclude(status=BookingStatus.RETURNED).order_by("starts_at")[:100]
        ),
        "past": list(
            bookings.filter(Q(ends_at__lte=now) | Q(status=BookingStatus.RETURNED)).order_by("-starts_at")[:50]
        ),
    }


def coordinator_queues(*, pole, now: datetime.datetime | None = None) -> dict:
    """What the coordinator acts on: requests awaiting approval, loans out, overdue loans."""
    now = now or timezone.now()
    base = Booking.objects.filter(pole=pole).select_related("resource", "booked_by", "structure")
    loans_out = list(base.filter(is_loan=True, status=BookingStatus.CONFIRMED).order_by("ends_at")[:200])
    return {
        "requests": list(base.filter(status=BookingStatus.REQUESTED).order_by("starts_at")[:200]),
        "overdue": [b for b in loans_out if b.ends_at <= now],
        "loans_out": [b for b in loans_out if b.ends_at > now],
    }


def overdue_loans(*, now: datetime.datetime | None = None, pole=None) -> QuerySet:
    now = now or timezone.now()
    loans = Booking.objects.filter(is_loan=True, status=BookingStatus.CONFIRMED, ends_at__lte=now)
    if pole is not None:
        loans = loans.filter(pole=pole)
    return loans.select_related("pole", "resource", "booked_by").order_by("ends_at")


# --- Usage statistics ------------------------------------------------------------------


@dataclass
class UsageRow:
    label: str
    bookings: int = 0
    hours: float = 0.0
    loans: int = 0
    key: object = None


def usage_statistics(*, pole, start: datetime.date, end: datetime.date) -> dict:
    """Use of the pole's resources from `start` to `end` (both included, local dates):
    per resource and per structure, the number of bookings (rooms and equipment used on
    the spot), the hours booked (clipped to the range) and the number of loans. Counts
    confirmed and returned bookings only: a request or a cancellation is not a use.
    The annual report reuses this selector."""
    range_start = at_local(start, datetime.time(0))
    range_end = at_local(end + datetime.timedelta(days=1), datetime.time(0))
    rows = Booking.objects.filter(
        pole=pole,
        status__in=(BookingStatus.CONFIRMED, BookingStatus.RETURNED),
        starts_at__lt=range_end,
        ends_at__gt=range_start,
    ).values_list("resource_id", "resource__name", "structure_id", "structure__name", "starts_at", "ends_at", "is_loan")
    per_resource: dict[int, UsageRow] = {}
    per_structure: dict[int | None, UsageRow] = {}
    total = UsageRow(label="")
    for resource_id, resource_name, structure_id, structure_name, starts_at, ends_at, is_loan in rows:
        hours = (min(ends_at, range_end) - max(starts_at, range_start)).total_seconds() / 3600
        targets = (
            per_resource.setdefault(resource_id, UsageRow(label=resource_name, key=resource_id)),
            per_structure.setdefault(structure_id, UsageRow(label=structure_name or "", key=structure_id)),
            total,
        )
        for row in targets:
            if is_loan:
                row.loans += 1
            else:
                row.bookings += 1
                row.hours += hours
    return {
        "start": start,
        "end": end,
        "resources": sorted(per_resource.values(), key=lambda r: (-r.hours, -r.loans, r.label)),
        "structures": sorted(per_structure.values(), key=lambda r: (r.key is None, -r.hours, -r.loans, r.label)),
        "total": total,
    }
