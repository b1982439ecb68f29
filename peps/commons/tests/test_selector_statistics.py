"""usage_statistics: bookings, hours and loans per resource and per structure over a range."""

import datetime

import pytest

from peps.commons.models import BookingStatus
from peps.commons.selectors import usage_statistics
from peps.commons.tests.factories import BookingFactory
from peps.commons.timeslots import at_local
from peps.core.testing import factories as f

pytestmark = pytest.mark.django_db
DAY = datetime.date(2030, 5, 6)


def test_counts_bookings_hours_and_loans_per_resource_and_structure(pole, room, van, member, other_pole):
    structure = f.StructureFactory(pole=pole, name="Recyclerie")
    for week in range(3):
        day = DAY + datetime.timedelta(weeks=week)
        BookingFactory(
            resource=room,
            booked_by=member,
            structure=structure,
            starts_at=at_local(day, datetime.time(14)),
            ends_at=at_local(day, datetime.time(17)),
        )
    BookingFactory(
        resource=van,
        booked_by=member,
        starts_at=at_local(DAY, datetime.time(8)),
        ends_at=at_local(DAY, datetime.time(18)),
        status=BookingStatus.RETURNED,
    )
    # Not a use: cancelled, requested; out of range; another pole.
    BookingFactory(
        resource=room,
        booked_by=member,
        status=BookingStatus.CANCELLED,
        starts_at=at_local(DAY, datetime.time(9)),
        ends_at=at_local(DAY, datetime.time(10)),
    )
    BookingFactory(
        resource=room,
        booked_by=member,
        starts_at=at_local(DAY.replace(year=2031), datetime.time(9)),
        ends_at=at_local(DAY.replace(year=2031), datetime.time(10)),
    )
    BookingFactory(
        resource__pole=other_pole, starts_at=at_local(DAY, datetime.time(9)), ends_at=at_local(DAY, datetime.time(10))
    )

    stats = usage_statistics(pole=pole, start=datetime.date(2030, 1, 1), end=datetime.date(2030, 12, 31))

    by_resource = {row.label: (row.bookings, row.hours, row.loans) for row in stats["resources"]}
    assert by_resource == {"Salle d’échange": (3, 9.0, 0), "Camionnette": (0, 0.0, 1)}
    by_structure = {row.key: (row.bookings, row.hours, row.loans) for row in stats["structures"]}
    assert by_structure == {structure.pk: (3, 9.0, 0), None: (0, 0.0, 1)}
    assert (stats["total"].bookings, stats["total"].hours, stats["total"].loans) == (3, 9.0, 1)


def test_hours_are_clipped_to_the_range(pole, room, member):
    BookingFactory(
        resource=room,
        booked_by=member,
        starts_at=at_local(DAY, datetime.time(20)),
        ends_at=at_local(DAY + datetime.timedelta(days=1), datetime.time(2)),
    )
    stats = usage_statistics(pole=pole, start=DAY, end=DAY)
    assert stats["resources"][0].hours == 4.0
