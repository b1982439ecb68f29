"""seed_commons_demo: the resource space of POLLENS, with a permanence and bookings."""

import datetime

import pytest
from django.utils import timezone

from peps.commons.demo import seed_busy_week, seed_commons_demo
from peps.commons.isbn import validate_isbn
from peps.commons.models import Booking, BookingStatus, Permanence, Resource, ResourceKind
from peps.core.testing import factories as f
from peps.directory.models import Representative, RepresentativeStatus

from .factories import ResourceFactory

pytestmark = pytest.mark.django_db


def test_demo_builds_the_resource_space(pole, coordinator, member, citizen):
    structure = f.StructureFactory(pole=pole, name="Accueil Paysan")
    Representative.objects.create(structure=structure, person=citizen, status=RepresentativeStatus.APPROVED)
    report = seed_commons_demo(pole)
    room = Resource.objects.get(pole=pole, name="Salle d’échange")
    assert room.capacity == 20 and room.is_accessible
    books = Resource.objects.filter(pole=pole, kind=ResourceKind.BOOK)
    assert books.count() == 5
    for book in books:
        validate_isbn(book.isbn)
    assert {"Vidéoprojecteur", "Sonorisation portable", "Camionnette utilitaire"} <= set(
        Resource.objects.values_list("name", flat=True)
    )
    weekly = Permanence.objects.get(pole=pole, structure=structure)
    assert weekly.series.occurrences.count() == report.permanence_sessions == 14
    assert weekly.host == citizen and weekly.week_of_month == 0
    urscop = Permanence.objects.get(pole=pole, title="Permanence de l’URSCOP")
    assert "URSCOP" in urscop.structure.name and urscop.week_of_month == 1 and urscop.weekday == 1
    for booking in urscop.series.occurrences.all():
        assert timezone.localtime(booking.starts_at).day <= 7
    assert Booking.objects.filter(status=BookingStatus.REQUESTED).exists()
    assert Booking.objects.filter(is_loan=True, status=BookingStatus.CONFIRMED).exists()


def test_a_busy_week_holds_100_bookings_that_never_overlap(pole, coordinator, member):
    room = ResourceFactory(pole=pole, kind=ResourceKind.ROOM)
    assert seed_busy_week(room, bookings=100, today=datetime.date(2026, 3, 25)) == 100
    bookings = list(Booking.objects.filter(resource=room).order_by("starts_at"))
    assert len(bookings) == 100
    assert all(a.ends_at <= b.starts_at for a, b in zip(bookings, bookings[1:], strict=False))
    assert {b.starts_at.date() for b in bookings} <= {
        datetime.date(2026, 3, 23) + datetime.timedelta(days=n) for n in range(7)
    }
