"""commons:book and commons:book_series — booking forms, bad input, the taken-slot answer
with the next free slots as one-click buttons."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from peps.commons.models import Booking, BookingStatus
from peps.commons.tests.factories import BookingFactory
from peps.commons.timeslots import at_local
from peps.core.testing import factories as f

pytestmark = pytest.mark.django_db


def book_url(resource):
    return reverse("commons:book", kwargs={"pole": resource.pole.slug, "pk": resource.pk})


def series_url(resource):
    return reverse("commons:book_series", kwargs={"pole": resource.pole.slug, "pk": resource.pk})


def next_thursday() -> datetime.date:
    today = timezone.localdate()
    return today + datetime.timedelta(days=(3 - today.weekday()) % 7 or 7)


def form_data(day, start="18:00", end="20:00"):
    return {"starts_at": f"{day:%Y-%m-%d}T{start}", "ends_at": f"{day:%Y-%m-%d}T{end}", "purpose": "Réunion"}


def test_anonymous_is_sent_to_login(client, room):
    response = client.get(book_url(room))
    assert response.status_code == 302 and reverse("account_login") in response["Location"]


def test_outsider_may_not_book_a_members_only_room(client, room, outsider):
    client.force_login(outsider)
    assert client.get(book_url(room)).status_code == 403


def test_member_books_thursday_evening_in_paris_time(client, room, member):
    client.force_login(member)
    thursday = next_thursday()
    response = client.post(book_url(room), form_data(thursday))
    booking = Booking.objects.get()
    assert response.status_code == 302 and response["Location"] == booking.get_absolute_url()
    assert booking.starts_at == at_local(thursday, datetime.time(18))
    assert booking.status == BookingStatus.CONFIRMED


def test_second_member_is_offered_the_next_free_slots(client, room, member, pole):
    thursday = next_thursday()
    BookingFactory(
        resource=room,
        booked_by=member,
        starts_at=at_local(thursday, datetime.time(18)),
        ends_at=at_local(thursday, datetime.time(20)),
    )
    client.force_login(f.member_of(pole, email="seconde@example.org"))
    response = client.post(book_url(room), form_data(thursday))
    assert response.status_code == 200
    assert "est déjà réservée" in response.text
    assert len(response.context["free_slots"]) == 3
    assert f'value="{thursday:%Y-%m-%d}T20:00"' in response.text  # one-click: 20:00–22:00
    assert 'value="Réunion"' in response.text  # what was typed is kept
    assert Booking.objects.count() == 1


@pytest.mark.parametrize(
    "data",
    [
        {"starts_at": "jeudi soir", "ends_at": "plus tard"},
        {"starts_at": "2030-13-45T18:00", "ends_at": "2030-13-45T20:00"},
        {"starts_at": "", "ends_at": ""},
    ],
)
def test_unparsable_dates_give_form_errors(client, room, member, data):
    client.force_login(member)
    response = client.post(book_url(room), data)
    assert response.status_code == 200
    assert response.context["form"].errors
    assert not Booking.objects.exists()


def test_end_before_start_gives_a_form_error(client, room, member):
    client.force_login(member)
    response = client.post(book_url(room), form_data(next_thursday(), start="20:00", end="18:00"))
    assert response.status_code == 200
    assert "La fin doit venir après le début." in response.text


def test_nonexistent_local_time_on_the_spring_switch_is_a_form_error(client, room, member):
    client.force_login(member)
    response = client.post(book_url(room), {"starts_at": "2031-03-30T02:30", "ends_at": "2031-03-30T04:00"})
    assert response.status_code == 200
    assert response.context["form"].errors


def test_too_long_a_loan_is_explained(client, van, member):
    client.force_login(member)
    day = next_thursday()
    response = client.post(
        book_url(van),
        {"starts_at": f"{day:%Y-%m-%d}T08:00", "ends_at": f"{day + datetime.timedelta(days=5):%Y-%m-%d}T08:00"},
    )
    assert "72 heures au plus" in response.text


def test_unknown_resource_is_404(client, member, pole):
    client.force_login(member)
    assert client.get(reverse("commons:book", kwargs={"pole": "pollens", "pk": 999999})).status_code == 404


def test_member_sets_a_weekly_series(client, room, member):
    client.force_login(member)
    first = next_thursday()
    response = client.post(
        series_url(room),
        {
            "weekdays": ["TH"],
            "start_time": "14:00",
            "end_time": "17:00",
            "first_date": f"{first:%Y-%m-%d}",
            "until": f"{first + datetime.timedelta(days=91):%Y-%m-%d}",
            "purpose": "Permanence",
            "on_conflict": "refuse",
        },
    )
    assert response.status_code == 302
    assert Booking.objects.filter(series__isnull=False).count() == 14


def test_series_conflicts_are_listed_and_nothing_is_booked(client, room, member, coordinator):
    first = next_thursday()
    BookingFactory(
        resource=room, starts_at=at_local(first, datetime.time(15)), ends_at=at_local(first, datetime.time(16))
    )
    client.force_login(member)
    response = client.post(
        series_url(room),
        {
            "weekdays": ["TH"],
            "start_time": "14:00",
            "end_time": "17:00",
            "first_date": f"{first:%Y-%m-%d}",
            "count": "4",
            "on_conflict": "refuse",
        },
    )
    assert response.status_code == 200
    assert len(response.context["conflicts"]) == 1
    assert Booking.objects.count() == 1


def test_series_bad_input_gives_form_errors(client, room, member):
    client.force_login(member)
    response = client.post(
        series_url(room), {"weekdays": ["XX"], "start_time": "midi", "first_date": "hier", "on_conflict": "refuse"}
    )
    assert response.status_code == 200
    assert set(response.context["form"].errors) >= {"weekdays", "start_time", "end_time", "first_date"}


def test_series_is_not_offered_for_equipment(client, van, member):
    client.force_login(member)
    assert client.get(series_url(van)).status_code == 403
