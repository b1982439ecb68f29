"""services.registration_create / registration_cancel: capacity, the waiting list's order,
automatic promotion, and the e-mails that go with them."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from peps.agenda import services
from peps.agenda.models import Event, Registration, RegistrationStatus
from peps.core.testing import factories as f


def people(n):
    return [f.UserFactory(email=f"personne.{i}@example.org") for i in range(n)]


def test_registration_is_confirmed_while_places_remain(event, citizen, django_capture_on_commit_callbacks):
    Event.objects.filter(pk=event.pk).update(capacity=2)
    with django_capture_on_commit_callbacks(execute=True):
        registration = services.registration_create(event=event, person=citizen)
    assert registration.status == RegistrationStatus.CONFIRMED
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [citizen.email]
    assert "Inscription confirmée" in mail.outbox[0].subject
    assert "Rencontres solidaires en Roannais" in mail.outbox[0].body
    assert "https://peps.example.org/p/pollens/agenda/" in mail.outbox[0].body


def test_when_full_people_join_the_waiting_list_in_order(event, django_capture_on_commit_callbacks):
    Event.objects.filter(pk=event.pk).update(capacity=2)
    persons = people(5)
    with django_capture_on_commit_callbacks(execute=True):
        registrations = [services.registration_create(event=event, person=p) for p in persons]
    assert [r.status for r in registrations] == ["confirmed", "confirmed", "waiting", "waiting", "waiting"]
    waiting = Registration.objects.filter(event=event, status="waiting").order_by("position")
    assert [r.person for r in waiting] == persons[2:]
    assert "Liste d’attente" in mail.outbox[2].subject


def test_cancelling_promotes_the_first_waiting_person_and_emails_them(event, django_capture_on_commit_callbacks):
    Event.objects.filter(pk=event.pk).update(capacity=2)
    persons = people(4)
    registrations = [services.registration_create(event=event, person=p) for p in persons]
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        promoted = services.registration_cancel(registration=registrations[0], by=persons[0])
    assert [r.person for r in promoted] == [persons[2]]
    statuses = dict(Registration.objects.filter(event=event).values_list("person_id", "status"))
    assert statuses == {
        persons[0].pk: "cancelled",
        persons[1].pk: "confirmed",
        persons[2].pk: "confirmed",
        persons[3].pk: "waiting",
    }
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [persons[2].email]
    assert "Une place s’est libérée" in mail.outbox[0].subject


def test_leaving_the_waiting_list_promotes_nobody(event):
    Event.objects.filter(pk=event.pk).update(capacity=1)
    persons = people(3)
    registrations = [services.registration_create(event=event, person=p) for p in persons]
    assert services.registration_cancel(registration=registrations[1], by=persons[1]) == []
    assert Registration.objects.get(pk=registrations[2].pk).status == "waiting"


def test_coming_back_after_cancelling_goes_to_the_end_of_the_queue(event):
    Event.objects.filter(pk=event.pk).update(capacity=1)
    persons = people(3)
    first, second, third = (services.registration_create(event=event, person=p) for p in persons)
    services.registration_cancel(registration=first, by=persons[0])  # second is promoted
    again = services.registration_create(event=event, person=persons[0])
    assert again.pk == first.pk  # one row per person and event
    assert again.status == "waiting"
    assert again.position > Registration.objects.get(pk=third.pk).position


def test_registering_twice_keeps_one_registration(event, citizen):
    one = services.registration_create(event=event, person=citizen)
    two = services.registration_create(event=event, person=citizen)
    assert one.pk == two.pk
    assert Registration.objects.filter(event=event).count() == 1


def test_database_refuses_a_second_registration_for_the_same_person(event, citizen):
    from django.db import IntegrityError, transaction

    services.registration_create(event=event, person=citizen)
    with pytest.raises(IntegrityError), transaction.atomic():
        Registration.objects.create(event=event, person=citizen, status="confirmed", position=99)


@pytest.mark.parametrize(
    "change, message",
    [
        ({"registration_open": False}, "fermées"),
        ({"status": "cancelled"}, "annulé"),
    ],
)
def test_registration_is_refused_when_closed_or_cancelled(event, citizen, change, message):
    Event.objects.filter(pk=event.pk).update(**change)
    event.refresh_from_db()
    with pytest.raises(ValidationError, match=message):
        services.registration_create(event=event, person=citizen)


def test_registration_is_refused_once_the_event_is_over(event, citizen):
    later = event.ends_at + datetime.timedelta(minutes=1)
    with pytest.raises(ValidationError, match="terminé"):
        services.registration_create(event=event, person=citizen, now=later)


def test_a_larger_capacity_promotes_waiting_people(event, coordinator, django_capture_on_commit_callbacks):
    Event.objects.filter(pk=event.pk).update(capacity=1)
    persons = people(3)
    for person in persons:
        services.registration_create(event=event, person=person)
    event.refresh_from_db()
    mail.outbox.clear()
    data = {name: getattr(event, name) for name in services.EVENT_FIELDS}
    data["capacity"] = 2
    with django_capture_on_commit_callbacks(execute=True):
        services.event_update(event=event, by=coordinator, data=data)
    assert Registration.objects.get(event=event, person=persons[1]).status == "confirmed"
    assert Registration.objects.get(event=event, person=persons[2]).status == "waiting"
    assert [m.to for m in mail.outbox] == [[persons[1].email]]


def test_capacity_cannot_go_below_confirmed_places(event, coordinator):
    for person in people(3):
        services.registration_create(event=event, person=person)
    data = {name: getattr(event, name) for name in services.EVENT_FIELDS}
    data["capacity"] = 2
    with pytest.raises(ValidationError) as error:
        services.event_update(event=event, by=coordinator, data=data)
    assert "capacity" in error.value.error_dict


def test_attendance_is_only_for_confirmed_registrations(event, coordinator):
    Event.objects.filter(pk=event.pk).update(capacity=1)
    first, second = (services.registration_create(event=event, person=p) for p in people(2))
    services.registration_set_attendance(registration=first, attendance="present", by=coordinator)
    assert Registration.objects.get(pk=first.pk).attendance == "present"
    with pytest.raises(ValidationError):
        services.registration_set_attendance(registration=second, attendance="present", by=coordinator)
    with pytest.raises(ValidationError):
        services.registration_set_attendance(registration=first, attendance="peut-être", by=coordinator)
