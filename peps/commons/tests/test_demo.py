"""seed_commons_demo: the resource space of POLLENS, with a permanence and bookings."""

import pytest

from peps.commons.demo import seed_commons_demo
from peps.commons.isbn import validate_isbn
from peps.commons.models import Booking, BookingStatus, Resource, ResourceKind
from peps.core.testing import factories as f
from peps.directory.models import Representative, RepresentativeStatus

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
    permanence = Booking.objects.filter(series__isnull=False)
    assert permanence.count() == report.permanence_sessions == 14
    assert set(permanence.values_list("structure", flat=True)) == {structure.pk}
    assert Booking.objects.filter(status=BookingStatus.REQUESTED).exists()
    assert Booking.objects.filter(is_loan=True, status=BookingStatus.CONFIRMED).exists()
