"""series_create: a structure's weekly permanence, its daylight-saving behaviour, and what
happens to occurrences that collide."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from peps.commons import services
from peps.commons.models import Booking, BookingSeries
from peps.commons.tests.factories import BookingFactory
from peps.commons.timeslots import at_local, build_weekly_rrule
from peps.core.testing import factories as f
from peps.directory.models import Representative, RepresentativeStatus

pytestmark = pytest.mark.django_db


def next_thursday() -> datetime.date:
    today = timezone.localdate()
    return today + datetime.timedelta(days=(3 - today.weekday()) % 7 or 7)


def permanence(room, by, first, *, until=None, skip=False, structure=None):
    return services.series_create(
        resource=room,
        by=by,
        rrule=build_weekly_rrule(weekdays=["TH"], until=until or first + datetime.timedelta(days=91)),
        first_date=first,
        start_time=datetime.time(14),
        end_time=datetime.time(17),
        structure=structure,
        purpose="Permanence",
        skip_conflicts=skip,
    )


def test_structure_sets_a_weekly_permanence_for_three_months(room, pole, citizen):
    structure = f.StructureFactory(pole=pole)
    Representative.objects.create(structure=structure, person=citizen, status=RepresentativeStatus.APPROVED)
    room.who_may_book = "partners"
    room.save()
    result = permanence(room, citizen, next_thursday(), structure=structure)
    assert len(result.bookings) == 14
    assert result.series.rrule.startswith("FREQ=WEEKLY;BYDAY=TH;UNTIL=")
    assert {b.structure_id for b in result.bookings} == {structure.pk}
    assert all(timezone.localtime(b.starts_at).weekday() == 3 for b in result.bookings)


@pytest.mark.parametrize(
    "first",
    [datetime.date(2037, 10, 1), datetime.date(2038, 3, 4)],
    ids=["last-sunday-of-october", "last-sunday-of-march"],
)
def test_occurrences_stay_at_14h_paris_time_across_the_clock_change(room, coordinator, first):
    result = permanence(room, coordinator, first, until=first + datetime.timedelta(weeks=6))
    rows = Booking.objects.filter(series=result.series).order_by("starts_at")
    assert rows.count() == 7
    assert {timezone.localtime(b.starts_at).time() for b in rows} == {datetime.time(14)}
    assert {timezone.localtime(b.ends_at).time() for b in rows} == {datetime.time(17)}
    assert len({b.starts_at.astimezone(datetime.UTC).hour for b in rows}) == 2


def test_colliding_occurrence_refuses_the_whole_series_and_lists_it(room, member, coordinator):
    first = next_thursday()
    taken = first + datetime.timedelta(weeks=2)
    BookingFactory(
        resource=room,
        booked_by=member,
        starts_at=at_local(taken, datetime.time(15)),
        ends_at=at_local(taken, datetime.time(16)),
    )
    with pytest.raises(services.SeriesConflict) as conflict:
        permanence(room, coordinator, first)
    assert [timezone.localtime(s.starts_at).date() for s in conflict.value.conflicts] == [taken]
    assert not BookingSeries.objects.exists()


def test_colliding_occurrence_can_be_left_out(room, member, coordinator):
    first = next_thursday()
    taken = first + datetime.timedelta(weeks=2)
    BookingFactory(
        resource=room,
        booked_by=member,
        starts_at=at_local(taken, datetime.time(15)),
        ends_at=at_local(taken, datetime.time(16)),
    )
    result = permanence(room, coordinator, first, skip=True)
    assert len(result.bookings) == 13
    assert [timezone.localtime(s.starts_at).date() for s in result.skipped] == [taken]
    assert len(result.series.skipped) == 1


def test_series_is_for_rooms_only(van, coordinator):
    with pytest.raises(PermissionDenied):
        permanence(van, coordinator, next_thursday())


def test_end_time_before_start_time_is_refused(room, coordinator):
    with pytest.raises(ValidationError):
        services.series_create(
            resource=room,
            by=coordinator,
            rrule="FREQ=WEEKLY;BYDAY=TH;COUNT=3",
            first_date=next_thursday(),
            start_time=datetime.time(17),
            end_time=datetime.time(14),
        )


def test_occurrence_longer_than_the_maximum_is_refused(room, member):
    room.max_duration_hours = 2
    room.save()
    with pytest.raises(ValidationError, match="2 heure"):
        permanence(room, member, next_thursday())
