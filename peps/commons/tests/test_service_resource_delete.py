"""resource_delete: refused while bookings are to come, unless the coordinator cancels them
(and their authors are told)."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from peps.commons import services
from peps.commons.models import Booking, Resource
from peps.commons.tests.factories import BookingFactory

pytestmark = pytest.mark.django_db


def test_resource_without_future_bookings_is_deleted(room, coordinator):
    past = timezone.now() - datetime.timedelta(days=3)
    BookingFactory(resource=room, starts_at=past, ends_at=past + datetime.timedelta(hours=2))
    assert services.resource_delete(resource=room, by=coordinator) == 0
    assert not Resource.objects.filter(pk=room.pk).exists()


def test_deletion_with_future_bookings_is_refused_with_their_list(room, coordinator, member):
    booking = BookingFactory(resource=room, booked_by=member)
    with pytest.raises(services.ResourceHasFutureBookings) as refused:
        services.resource_delete(resource=room, by=coordinator)
    assert refused.value.bookings == [booking]
    assert Resource.objects.filter(pk=room.pk).exists()


def test_coordinator_may_cancel_future_bookings_and_their_authors_are_e_mailed(
    room, coordinator, member, django_capture_on_commit_callbacks
):
    BookingFactory(resource=room, booked_by=member)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.resource_delete(resource=room, by=coordinator, cancel_future=True) == 1
    assert not Booking.objects.exists()
    assert mail.outbox[0].to == [member.email]
    assert "retirée du catalogue" in mail.outbox[0].body


def test_member_cannot_delete(room, member):
    with pytest.raises(PermissionDenied):
        services.resource_delete(resource=room, by=member)
