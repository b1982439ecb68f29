"""The database itself refuses overlapping active bookings of one resource."""

import datetime

import pytest
from django.db import IntegrityError, transaction

from peps.commons.models import BookingStatus
from peps.commons.tests.factories import BookingFactory, ResourceFactory

pytestmark = pytest.mark.django_db

T0 = datetime.datetime(2030, 3, 7, 17, 0, tzinfo=datetime.UTC)
H = datetime.timedelta(hours=1)


def test_overlapping_active_booking_is_refused_by_the_database(room):
    BookingFactory(resource=room, starts_at=T0, ends_at=T0 + 2 * H)
    with pytest.raises(IntegrityError), transaction.atomic():
        BookingFactory(resource=room, starts_at=T0 + H, ends_at=T0 + 3 * H, status=BookingStatus.REQUESTED)


def test_adjacent_bookings_are_allowed(room):
    BookingFactory(resource=room, starts_at=T0, ends_at=T0 + 2 * H)
    BookingFactory(resource=room, starts_at=T0 + 2 * H, ends_at=T0 + 3 * H)


def test_cancelled_refused_and_returned_bookings_free_the_slot(room):
    for status in (BookingStatus.CANCELLED, BookingStatus.REFUSED, BookingStatus.RETURNED):
        BookingFactory(resource=room, starts_at=T0, ends_at=T0 + 2 * H, status=status)
    BookingFactory(resource=room, starts_at=T0, ends_at=T0 + 2 * H)


def test_same_slot_of_another_resource_is_allowed(room, pole):
    BookingFactory(resource=room, starts_at=T0, ends_at=T0 + 2 * H)
    BookingFactory(resource=ResourceFactory(pole=pole), starts_at=T0, ends_at=T0 + 2 * H)


def test_reactivating_a_cancelled_booking_onto_a_taken_slot_is_refused(room):
    BookingFactory(resource=room, starts_at=T0, ends_at=T0 + 2 * H)
    cancelled = BookingFactory(resource=room, starts_at=T0, ends_at=T0 + H, status=BookingStatus.CANCELLED)
    cancelled.status = BookingStatus.CONFIRMED
    with pytest.raises(IntegrityError), transaction.atomic():
        cancelled.save()


def test_end_must_come_after_start(room):
    with pytest.raises(IntegrityError), transaction.atomic():
        BookingFactory(resource=room, starts_at=T0, ends_at=T0)
