"""The agenda list's written-out reads, held to the ORM's answer: a page of upcoming events
with their confirmed registrations (upcoming_events() for each kind of viewer, pages and the
count), and the pole's permanences (commons' permanences_of_pole())."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory
from django.utils import timezone

from peps.agenda import selectors
from peps.agenda.models import RegistrationStatus
from peps.commons.models import Permanence
from peps.commons.permanences import permanences_of_pole
from peps.core import tenancy
from peps.core.pagination import paginate

from .factories import EventFactory, register

pytestmark = pytest.mark.django_db


def _values(instance) -> dict:
    return {name: value for name, value in instance.__dict__.items() if not name.startswith("_")}


def _described(events) -> list:
    return [
        (
            _values(e),
            e.pole.slug,
            e.room_id and (e.room.name, e.room.location),
            e.commune_id and (e.commune.name, e.commune.departement_id),
            e.place_label,
        )
        for e in events
    ]


def test_a_page_of_upcoming_events_is_what_the_orm_reads(
    settings, pole, other_pole, room, commune, coordinator, member, citizen, network_admin
):
    settings.PEPS_PAGE_SIZE = 3
    now = timezone.now()
    for index in range(8):
        starts = now + datetime.timedelta(days=index % 4, hours=index)
        event = EventFactory(
            pole=pole,
            starts_at=starts,
            ends_at=starts + datetime.timedelta(hours=2),
            audience="members" if index % 3 == 0 else "public",
            capacity=2 if index % 2 else None,
            place_kind="room" if index % 2 else "address",
            room=room if index % 2 else None,
            commune=None if index % 2 else commune,
        )
        for status in (RegistrationStatus.CONFIRMED, RegistrationStatus.CONFIRMED, RegistrationStatus.WAITING):
            if index % 4:
                register(event, status=status)
    past = now - datetime.timedelta(days=3)
    EventFactory(pole=pole, starts_at=past, ends_at=past + datetime.timedelta(hours=1))
    EventFactory(pole=other_pole)
    for user in (AnonymousUser(), citizen, member, coordinator, network_admin):
        for number in (1, 2, 3, 9):
            request = RequestFactory().get("/", {"page": number})
            tenancy.forget_roles(user)
            expected = paginate(selectors.upcoming_events(user=user, pole=pole, now=now), request)
            tenancy.forget_roles(user)
            found = selectors.upcoming_page(user=user, pole=pole, request=request, now=now)
            assert _described(found.items) == _described(expected.items), (user, number)
            assert [e.confirmed_count for e in found.items] == [e.confirmed_count for e in expected.items]
            for name in ("number", "has_next", "has_previous", "total", "num_pages"):
                assert getattr(found, name) == getattr(expected, name), (user, number, name)
    anonymous = selectors.upcoming_page(user=AnonymousUser(), pole=pole, request=RequestFactory().get("/"), now=now)
    assert anonymous.total == 5
    assert {e.confirmed_count for e in anonymous.items} <= {0, 2}


def test_the_poles_permanences_are_what_commons_reads(pole, other_pole, room, coordinator):
    day = timezone.localdate()
    for title in ("Zèbre", "Accueil", "Accueil", "Retirée"):
        Permanence.objects.create(
            pole=pole,
            resource=room,
            title=title,
            host=coordinator,
            weekday=2,
            week_of_month=1,
            start_time=datetime.time(9),
            end_time=datetime.time(12),
            first_date=day,
            until=day + datetime.timedelta(days=60),
            is_active=title != "Retirée",
        )
    expected = list(permanences_of_pole(pole=pole)[:2])
    found = selectors.pole_permanences(pole=pole, limit=2)
    fields = selectors.PERMANENCE_FIELDS
    assert [[getattr(p, f"{n}_id" if n in ("pole", "resource") else n) for n in fields] for p in found] == [
        [getattr(p, f"{n}_id" if n in ("pole", "resource") else n) for n in fields] for p in expected
    ]
    assert [(p.pk, p.resource.name, p.get_absolute_url()) for p in found] == [
        (p.pk, p.resource.name, p.get_absolute_url()) for p in expected
    ]
    assert len(selectors.pole_permanences(pole=pole)) == 3
    assert selectors.pole_permanences(pole=other_pole) == []
