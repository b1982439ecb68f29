"""The week calendar: each booking covers the hourly cells it overlaps (Paris time, the
week the clocks change included), and the list below the grid says when, in words."""

import datetime

import pytest

from peps.commons import selectors
from peps.commons.models import BookingStatus
from peps.commons.tests.factories import BookingFactory
from peps.commons.timeslots import at_local
from peps.core.testing import factories as f

pytestmark = pytest.mark.django_db
MONDAY = datetime.date(2030, 3, 25)  # the clocks go forward on Sunday 31 March 2030


def busy(calendar, booking) -> list[tuple[int, int]]:
    """(day of the week, hour) of the cells that show the booking."""
    return [
        (cell.day.weekday(), cell.starts_at.hour)
        for row in calendar["rows"]
        for cell in row["cells"]
        if any(b.pk == booking.pk for b in cell.bookings)
    ]


def book(room, day: int, start: datetime.time, end: datetime.time, end_day: int | None = None, **kwargs):
    end_day = day if end_day is None else end_day
    return BookingFactory(
        resource=room,
        starts_at=at_local(MONDAY + datetime.timedelta(days=day), start),
        ends_at=at_local(MONDAY + datetime.timedelta(days=end_day), end),
        **kwargs,
    )


def test_bookings_cover_the_cells_they_overlap(room):
    morning = book(room, 0, datetime.time(9, 30), datetime.time(11, 10))
    night = book(room, 1, datetime.time(21, 30), datetime.time(8, 15), end_day=2)
    on_the_hour = book(room, 3, datetime.time(14), datetime.time(15))
    sunday = book(room, 6, datetime.time(10), datetime.time(11))  # summer time since 3:00
    early = book(room, 4, datetime.time(5), datetime.time(7))  # before the grid: listed only
    calendar = selectors.week_calendar(resource=room, week_of=MONDAY)
    assert busy(calendar, morning) == [(0, 9), (0, 10), (0, 11)]
    assert busy(calendar, night) == [(2, 7), (2, 8), (1, 21), (1, 22)]
    assert busy(calendar, on_the_hour) == [(3, 14)]
    assert busy(calendar, sunday) == [(6, 10)]
    assert busy(calendar, early) == []
    assert [b.pk for b in calendar["bookings"]] == [morning.pk, night.pk, on_the_hour.pk, early.pk, sunday.pk]
    assert all(cell.starts_at == at_local(cell.day, row["time"]) for row in calendar["rows"] for cell in row["cells"])


def test_the_list_says_when_who_and_the_status(room, member, pole):
    urscop = f.StructureFactory(pole=pole, name="URSCOP")
    book(room, 0, datetime.time(9, 5), datetime.time(10), booked_by=member, status=BookingStatus.REQUESTED)
    book(room, 2, datetime.time(14), datetime.time(16), structure=urscop, purpose="Assemblée")
    first, second = selectors.week_calendar(resource=room, week_of=MONDAY)["bookings"]
    assert (first.starts_label, first.ends_label) == ("lundi 25 mars 09:05", "lundi 25 mars 10:00")
    assert first.status_label == "demandée" and first.person == "Marc" and first.structure_name is None
    assert second.starts_label == "mercredi 27 mars 14:00" and second.status_label == "confirmée"
    assert second.structure_name == urscop.name and second.purpose == "Assemblée"


def test_cancelled_bookings_leave_the_week_free(room):
    book(room, 0, datetime.time(9), datetime.time(10), status=BookingStatus.CANCELLED)
    calendar = selectors.week_calendar(resource=room, week_of=MONDAY)
    assert calendar["bookings"] == []
    assert all(cell.is_free for row in calendar["rows"] for cell in row["cells"])
