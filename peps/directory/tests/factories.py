"""Factories of the directory's tests, on top of the shared ones."""

import factory

from peps.core.testing.factories import StructureFactory, UserFactory
from peps.directory.models import Representative, RepresentativeStatus, Sector


def sector(slug: str) -> Sector:
    """One of the sectors created by migration 0004."""
    return Sector.objects.get(slug=slug)


class RepresentativeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Representative

    structure = factory.SubFactory(StructureFactory)
    person = factory.SubFactory(UserFactory)
    status = RepresentativeStatus.APPROVED


def structure_with_search(**fields):
    """A structure whose search_text is filled, as the services would leave it."""
    sectors = fields.pop("sectors", [])
    structure = StructureFactory(**fields)
    structure.sectors.set(sectors)
    structure.refresh_search_text([s.name for s in sectors])
    structure.save(update_fields=["search_text"])
    return structure
