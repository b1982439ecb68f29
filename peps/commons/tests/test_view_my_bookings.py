"""commons:my_bookings and commons:booking — one's own bookings; someone else's is 404."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from peps.commons.models import BookingStatus
from peps.commons.tests.factories import BookingFactory, ResourceFactory
from peps.core.testing import factories as f

pytestmark = pytest.mark.django_db
POLE = {"pole": "pollens"}


def test_anonymous_is_sent_to_login(client, pole):
    response = client.get(reverse("commons:my_bookings", kwargs=POLE))
    assert response.status_code == 302


def test_member_sees_upcoming_and_past_bookings_with_few_queries(client, pole, member, django_assert_max_num_queries):
    now = timezone.now()
    for i in range(30):
        resource = ResourceFactory(pole=pole, name=f"Salle {i}")
        BookingFactory(
            resource=resource,
            booked_by=member,
            starts_at=now + datetime.timedelta(days=i + 1),
            ends_at=now + datetime.timedelta(days=i + 1, hours=2),
        )
        BookingFactory(
            resource=resource,
            booked_by=member,
            starts_at=now - datetime.timedelta(days=i + 1),
            ends_at=now - datetime.timedelta(days=i + 1) + datetime.timedelta(hours=2),
        )
    client.force_login(member)
    with django_assert_max_num_queries(7):
        response = client.get(reverse("commons:my_bookings", kwargs=POLE))
    assert len(response.context["upcoming"]) == 30 and len(response.context["past"]) == 30


def test_someone_elses_booking_is_404_and_the_booker_can_cancel(client, room, member, pole):
    booking = BookingFactory(resource=room, booked_by=member)
    url = reverse("commons:booking", kwargs={**POLE, "pk": booking.pk})
    client.force_login(f.member_of(pole, email="autre@example.org"))
    assert client.get(url).status_code == 404
    assert client.post(reverse("commons:booking_cancel", kwargs={**POLE, "pk": booking.pk})).status_code == 404
    client.force_login(member)
    assert "Annuler la réservation" in client.get(url).text
    client.post(reverse("commons:booking_cancel", kwargs={**POLE, "pk": booking.pk}))
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CANCELLED


def test_booking_of_another_pole_is_404(client, other_pole, outsider):
    booking = BookingFactory(resource=ResourceFactory(pole=other_pole), booked_by=outsider)
    client.force_login(outsider)
    assert client.get(reverse("commons:booking", kwargs={**POLE, "pk": booking.pk})).status_code == 404
