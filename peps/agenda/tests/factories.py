"""Factories for the agenda's tests (the shared ones are in peps.core.testing)."""

import datetime

import factory
from django.db.models import F
from django.utils import timezone

from peps.agenda.models import BourseSession, Event, EventKind, Registration, RegistrationStatus
from peps.core.testing.factories import CommuneFactory, PoleFactory, UserFactory


def _next_week():
    day = timezone.localdate() + datetime.timedelta(days=7)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(18, 0)))


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event

    pole = factory.SubFactory(PoleFactory)
    title = factory.Sequence(lambda n: f"Événement {n}")
    kind = EventKind.SEMINAR
    starts_at = factory.LazyFunction(_next_week)
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + datetime.timedelta(hours=2))
    place_kind = "address"
    address = "2 rue de la Paix"
    commune = factory.SubFactory(CommuneFactory)
    description = "Un temps pour se rencontrer."


def register(event, person=None, *, status=RegistrationStatus.CONFIRMED) -> Registration:
    """A registration written directly (tests of the service use the service)."""
    person = person or UserFactory()
    Event.objects.filter(pk=event.pk).update(queue_counter=F("queue_counter") + 1)
    event.refresh_from_db(fields=["queue_counter"])
    return Registration.objects.create(event=event, person=person, status=status, position=event.queue_counter)


def bourse_session(*, pole, by, starts_at=None, title="Bourse aux projets de printemps") -> BourseSession:
    starts_at = starts_at or _next_week()
    event = EventFactory(
        pole=pole,
        created_by=by,
        kind=EventKind.BOURSE,
        title=title,
        starts_at=starts_at,
        ends_at=starts_at + datetime.timedelta(hours=3),
    )
    return BourseSession.objects.create(event=event)


__all__ = ["EventFactory", "UserFactory", "bourse_session", "register"]
