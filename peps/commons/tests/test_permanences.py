"""Permanences: a named, recurring, public slot in a room, shown on the agenda and the
room's calendar, with times one books with its host."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from peps.commons import permanences
from peps.commons.models import Booking, Permanence, PermanenceAppointment, WeekOfMonth
from peps.commons.tests.factories import ResourceFactory
from peps.core.testing import factories as f
from peps.notifications.models import Notification

TODAY = datetime.date(2026, 12, 7)


def _next_month_first():
    today = timezone.localdate()
    return (today.replace(day=1) + datetime.timedelta(days=32)).replace(day=1)


@pytest.fixture
def host(pole):
    return f.member_of(pole, display_name="Ulysse de l’URSCOP", email="ulysse@urscop.example")


@pytest.fixture
def urscop(pole, host):
    from peps.partnerships.tests.factories import representative_of

    structure = f.StructureFactory(pole=pole, name="URSCOP", slug="urscop")
    representative_of(structure, host)
    return structure


@pytest.fixture
def permanence(room, host, urscop):
    start = _next_month_first()
    return permanences.permanence_create(
        resource=room,
        by=host,
        title="Permanence de l’URSCOP",
        weekday=1,
        week_of_month=WeekOfMonth.FIRST,
        start_time=datetime.time(14),
        end_time=datetime.time(17),
        first_date=start,
        until=start + datetime.timedelta(days=180),
        slot_minutes=30,
        structure=urscop,
        description="Créer ou reprendre une entreprise en coopérative.",
    )


def test_a_permanence_books_the_first_tuesday_of_each_month(permanence, room):
    dates = list(Booking.objects.filter(resource=room).order_by("starts_at"))
    assert 5 <= len(dates) <= 7
    for booking in dates:
        local = timezone.localtime(booking.starts_at)
        assert local.weekday() == 1 and local.day <= 7 and local.hour == 14
        assert timezone.localtime(booking.ends_at).hour == 17
    assert permanences.permanence_label(permanence) == "le 1er mardi du mois, 14\u00a0h–17\u00a0h"


def test_the_label_of_a_weekly_and_a_last_weekday_permanence(permanence):
    permanence.week_of_month, permanence.weekday = WeekOfMonth.EVERY, 3
    permanence.start_time = datetime.time(9, 30)
    assert permanences.permanence_label(permanence) == "chaque jeudi, 9\u00a0h\u00a030–17\u00a0h"
    permanence.week_of_month = WeekOfMonth.LAST
    assert permanences.permanence_label(permanence).startswith("le dernier jeudi du mois")


def test_a_taken_date_refuses_the_permanence_unless_skipped(room, host, permanence):
    start = _next_month_first()
    kwargs = dict(
        resource=room,
        by=host,
        title="Autre",
        weekday=1,
        week_of_month=WeekOfMonth.EVERY,
        start_time=datetime.time(15),
        end_time=datetime.time(16),
        first_date=start,
        until=start + datetime.timedelta(days=40),
    )
    with pytest.raises(ValidationError):
        permanences.permanence_create(**kwargs)
    other = permanences.permanence_create(**kwargs, skip_conflicts=True)
    assert other.series.skipped


def test_bad_input_gets_french_messages(room, host):
    start = _next_month_first()
    with pytest.raises(ValidationError) as error:
        permanences.permanence_create(
            resource=room,
            by=host,
            title=" ",
            weekday=1,
            week_of_month=1,
            start_time=datetime.time(17),
            end_time=datetime.time(14),
            first_date=start,
            until=start - datetime.timedelta(days=1),
        )
    assert set(error.value.error_dict) == {"title", "end_time", "until"}


def test_booking_a_time_with_the_host_tells_both(permanence, member, host):
    (first, *_rest) = permanences.upcoming_dates(permanence=permanence)
    assert len(first.times) == 6 and first.free_count == 6
    moment = first.times[1]["starts_at"]
    appointment = permanences.appointment_book(
        permanence=permanence, person=member, starts_at=moment, topic="Transformer notre association en SCIC"
    )
    assert appointment.ends_at - appointment.starts_at == datetime.timedelta(minutes=30)
    assert Notification.objects.filter(recipient=host, kind="commons.permanence_appointment").exists()
    assert Notification.objects.filter(recipient=member, kind="commons.permanence_appointment").exists()
    (first, *_rest) = permanences.upcoming_dates(permanence=permanence)
    assert first.free_count == 5 and first.times[1]["taken"]


def test_a_taken_or_invented_time_is_refused(permanence, member, pole):
    (first, *_rest) = permanences.upcoming_dates(permanence=permanence)
    moment = first.times[0]["starts_at"]
    permanences.appointment_book(permanence=permanence, person=member, starts_at=moment, topic="Une question")
    other = f.member_of(pole)
    with pytest.raises(ValidationError, match="vient d’être pris"):
        permanences.appointment_book(permanence=permanence, person=other, starts_at=moment, topic="Moi aussi")
    with pytest.raises(ValidationError, match="n’existe pas"):
        permanences.appointment_book(
            permanence=permanence, person=other, starts_at=moment + datetime.timedelta(minutes=7), topic="À 14 h 07"
        )
    assert PermanenceAppointment.objects.count() == 1


def test_cancelling_frees_the_time(permanence, member, host):
    (first, *_rest) = permanences.upcoming_dates(permanence=permanence)
    appointment = permanences.appointment_book(
        permanence=permanence, person=member, starts_at=first.times[0]["starts_at"], topic="Statuts"
    )
    permanences.appointment_cancel(appointment=appointment, by=member)
    (first, *_rest) = permanences.upcoming_dates(permanence=permanence)
    assert first.free_count == 6


def test_the_permanence_page_books_a_time(client, permanence, member):
    client.force_login(member)
    url = permanence.get_absolute_url()
    page = client.get(url)
    assert page.status_code == 200 and "Prendre rendez-vous" in page.content.decode()
    (first, *_rest) = permanences.upcoming_dates(permanence=permanence)
    response = client.post(url, {"starts_at": first.times[2]["starts_at"].isoformat(), "topic": "Reprise en SCOP"})
    assert response.status_code == 302
    assert PermanenceAppointment.objects.get().topic == "Reprise en SCOP"
    bad = client.post(url, {"starts_at": "n’importe quoi", "topic": "x"})
    assert bad.status_code == 400 and "Choisissez un créneau" in bad.content.decode()


def test_visitors_see_the_permanence_and_are_asked_to_sign_in(client, permanence):
    page = client.get(permanence.get_absolute_url())
    assert page.status_code == 200 and "Connectez-vous pour prendre rendez-vous" in page.content.decode()


def test_the_permanence_is_on_the_agenda_and_the_room_calendar(client, pole, permanence, room):
    first = timezone.localtime(Booking.objects.filter(resource=room).order_by("starts_at").first().starts_at)
    month = client.get(reverse("agenda:month", kwargs={"pole": pole.slug, "year": first.year, "month": first.month}))
    assert "Permanence de l’URSCOP" in month.content.decode()
    agenda = client.get(reverse("agenda:list", kwargs={"pole": pole.slug}))
    assert "le 1er mardi du mois" in agenda.content.decode()
    calendar = client.get(room.get_absolute_url() + f"?semaine={first.date().isoformat()}")
    assert "Permanence de l’URSCOP" in calendar.content.decode()


def test_a_member_holds_a_permanence_from_the_web(client, pole, room, host, urscop):
    client.force_login(host)
    start = _next_month_first()
    response = client.post(
        reverse("commons:permanence_create", kwargs={"pole": pole.slug, "pk": room.pk}),
        {
            "title": "Permanence juridique",
            "structure": urscop.pk,
            "week_of_month": "-1",
            "weekday": "4",
            "start_time": "09:00",
            "end_time": "12:00",
            "first_date": start.isoformat(),
            "until": (start + datetime.timedelta(days=90)).isoformat(),
            "slot_minutes": "45",
            "on_conflict": "refuse",
        },
    )
    permanence = Permanence.objects.get(title="Permanence juridique")
    assert response.status_code == 302 and response["Location"] == permanence.get_absolute_url()
    assert permanence.structure == urscop and permanence.host == host


def test_a_permanence_of_another_pole_is_not_found(client, other_pole, permanence):
    url = reverse("commons:permanence", kwargs={"pole": other_pole.slug, "pk": permanence.pk})
    assert client.get(url).status_code == 404


def test_the_room_page_lists_its_permanences_in_bounded_queries(
    client, pole, permanence, room, django_assert_max_num_queries
):
    other_room = ResourceFactory(pole=pole, kind=room.kind, name="Autre salle")
    with django_assert_max_num_queries(6):
        page = client.get(room.get_absolute_url()).content.decode()
    assert "Permanences dans cette salle" in page
    assert f'<a href="{permanence.get_absolute_url()}">Permanence de l’URSCOP</a> — URSCOP' in page
    assert "Permanences dans cette salle" not in client.get(other_room.get_absolute_url()).content.decode()
    Permanence.objects.filter(pk=permanence.pk).update(is_active=False)
    assert "Permanences dans cette salle" not in client.get(room.get_absolute_url()).content.decode()
