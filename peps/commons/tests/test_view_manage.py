"""Coordinators' pages: requests and loans to follow, approval, returns, statistics, the
catalogue's edition and deletion. Anonymous → login, outsider → 404, member → 403."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from peps.commons.models import Booking, BookingStatus, Resource
from peps.commons.tests.factories import BookingFactory, ResourceFactory

pytestmark = pytest.mark.django_db
POLE = {"pole": "pollens"}


def coordinator_urls(room):
    return [
        reverse("commons:manage", kwargs=POLE),
        reverse("commons:statistics", kwargs=POLE),
        reverse("commons:resource_create", kwargs=POLE),
        reverse("commons:resource_edit", kwargs={**POLE, "pk": room.pk}),
        reverse("commons:resource_delete", kwargs={**POLE, "pk": room.pk}),
    ]


def test_anonymous_is_sent_to_login(client, room):
    for url in coordinator_urls(room):
        response = client.get(url)
        assert response.status_code == 302 and reverse("account_login") in response["Location"], url


def test_outsider_gets_404(client, room, outsider):
    client.force_login(outsider)
    for url in coordinator_urls(room):
        assert client.get(url).status_code == 404, url


def test_member_gets_403(client, room, member):
    client.force_login(member)
    for url in coordinator_urls(room):
        assert client.get(url).status_code == 403, url


def test_member_cannot_approve_or_record_a_return(client, van, member):
    booking = BookingFactory(resource=van, booked_by=member, status=BookingStatus.REQUESTED)
    client.force_login(member)
    for name in ("booking_approve", "booking_refuse", "booking_return"):
        assert client.post(reverse(f"commons:{name}", kwargs={**POLE, "pk": booking.pk})).status_code == 403


def test_coordinator_sees_requests_and_overdue_loans_with_few_queries(
    client, van, pole, member, coordinator, django_assert_max_num_queries
):
    now = timezone.now()
    for i in range(30):
        start = now + datetime.timedelta(days=1 + i)
        BookingFactory(
            resource=van,
            booked_by=member,
            status=BookingStatus.REQUESTED,
            starts_at=start,
            ends_at=start + datetime.timedelta(hours=3),
        )
    for i in range(30):
        book = ResourceFactory(pole=pole, kind="book", name=f"Livre {i}")
        start = now - datetime.timedelta(days=20)
        BookingFactory(resource=book, booked_by=member, starts_at=start, ends_at=start + datetime.timedelta(days=14))
    client.force_login(coordinator)
    with django_assert_max_num_queries(8):
        response = client.get(reverse("commons:manage", kwargs=POLE))
    assert len(response.context["requests"]) == 30
    assert len(response.context["overdue"]) == 30
    assert "Prêts en retard (30)" in response.text


def test_coordinator_approves_a_request(client, van, member, coordinator, django_capture_on_commit_callbacks):
    booking = BookingFactory(resource=van, booked_by=member, status=BookingStatus.REQUESTED)
    client.force_login(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("commons:booking_approve", kwargs={**POLE, "pk": booking.pk}))
    assert response.status_code == 302
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CONFIRMED
    assert mail.outbox[0].to == [member.email]


def test_coordinator_refuses_with_a_reason(client, van, member, coordinator):
    booking = BookingFactory(resource=van, booked_by=member, status=BookingStatus.REQUESTED)
    client.force_login(coordinator)
    client.post(reverse("commons:booking_refuse", kwargs={**POLE, "pk": booking.pk}), {"note": "Véhicule en révision"})
    booking.refresh_from_db()
    assert (booking.status, booking.decision_note) == (BookingStatus.REFUSED, "Véhicule en révision")


def test_coordinator_records_a_return(client, van, member, coordinator):
    booking = BookingFactory(resource=van, booked_by=member)
    client.force_login(coordinator)
    client.post(reverse("commons:booking_return", kwargs={**POLE, "pk": booking.pk}))
    booking.refresh_from_db()
    assert booking.status == BookingStatus.RETURNED


def test_coordinator_adds_a_book_and_a_bad_isbn_is_explained(client, coordinator):
    client.force_login(coordinator)
    url = reverse("commons:resource_create", kwargs=POLE)
    data = {"kind": "book", "name": "Comprendre l’ESS", "isbn": "978-2-10-071074-5", "who_may_book": "members"}
    response = client.post(url, data)
    assert response.status_code == 200
    assert "clé de contrôle" in response.text
    assert 'value="978-2-10-071074-5"' in response.text
    response = client.post(url, {**data, "isbn": "978-2-10-071074-4", "is_active": "on"})
    assert response.status_code == 302
    book = Resource.objects.get()
    assert book.isbn == "9782100710744" and "comprendre" in book.search_text


def test_room_needs_a_capacity_and_equipment_a_category(client, coordinator):
    client.force_login(coordinator)
    url = reverse("commons:resource_create", kwargs=POLE)
    response = client.post(url, {"kind": "room", "name": "Salle", "who_may_book": "members"})
    assert "Indiquez combien de personnes" in response.text
    response = client.post(url, {"kind": "equipment", "name": "Sono", "who_may_book": "members"})
    assert "Choisissez la catégorie" in response.text


def test_deleting_with_future_bookings_asks_first_then_cancels(
    client, room, member, coordinator, django_capture_on_commit_callbacks
):
    BookingFactory(resource=room, booked_by=member)
    client.force_login(coordinator)
    url = reverse("commons:resource_delete", kwargs={**POLE, "pk": room.pk})
    page = client.get(url)
    assert "1 réservation à venir" in page.text and "Marc" in page.text
    response = client.post(url, {})
    assert response.status_code == 200 and Resource.objects.filter(pk=room.pk).exists()
    assert "annulez-la ou gardez la ressource" in response.text
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"cancel_future": "on"})
    assert response.status_code == 302
    assert not Resource.objects.exists() and not Booking.objects.exists()
    assert mail.outbox[0].to == [member.email]


def test_statistics_table_and_bad_dates(client, room, member, coordinator, django_assert_max_num_queries):
    start = timezone.now() - datetime.timedelta(days=2)
    for i in range(30):
        BookingFactory(
            resource=room,
            booked_by=member,
            starts_at=start - datetime.timedelta(days=i),
            ends_at=start - datetime.timedelta(days=i) + datetime.timedelta(hours=2),
        )
    client.force_login(coordinator)
    url = reverse("commons:statistics", kwargs=POLE)
    with django_assert_max_num_queries(6):
        response = client.get(
            url,
            {
                "start": f"{timezone.localdate() - datetime.timedelta(days=60):%Y-%m-%d}",
                "end": f"{timezone.localdate():%Y-%m-%d}",
            },
        )
    assert response.context["stats"]["total"].bookings == 30
    assert "Salle d’échange" in response.text
    response = client.get(url, {"start": "hier", "end": "2020-01-01"})
    assert response.status_code == 200 and response.context["form"].errors
