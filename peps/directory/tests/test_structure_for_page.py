"""structure_for_page(): the structure read by its written-out query is what the ORM reads,
with its commune, its pole and its sectors; another pole's, a missing or (for visitors) a
deactivated structure is not found."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from peps.core.testing import factories as f
from peps.directory.models import Sector, Structure
from peps.directory.selectors import structure_for_page

pytestmark = pytest.mark.django_db


def _values(instance) -> dict | None:
    if instance is None:
        return None
    return {field.attname: getattr(instance, field.attname) for field in type(instance)._meta.concrete_fields}


def test_a_structure_with_its_commune_and_sectors(pole, django_assert_num_queries):
    structure = f.StructureFactory(pole=pole, commune=f.CommuneFactory())
    structure.sectors.set(Sector.objects.order_by("-name")[:2])
    orm = Structure.objects.select_related("commune").get(pk=structure.pk)
    sectors = [sector.slug for sector in orm.sectors.all()]
    assert len(sectors) == 2
    with django_assert_num_queries(2):  # the structure and its commune, its sectors
        found = structure_for_page(pole=pole, slug=structure.slug, user=AnonymousUser())
    with django_assert_num_queries(0):
        assert _values(found) == _values(orm)
        assert _values(found.commune) == _values(orm.commune)
        assert found.pole == pole
        assert [sector.slug for sector in found.sectors.all()] == sectors


def test_a_structure_without_commune(pole):
    structure = f.StructureFactory(pole=pole, commune=None)
    assert structure_for_page(pole=pole, slug=structure.slug, user=AnonymousUser()).commune is None


def test_another_poles_missing_or_deactivated_structure_is_not_found(pole, other_pole, coordinator):
    elsewhere = f.StructureFactory(pole=other_pole)
    closed = f.StructureFactory(pole=pole, is_active=False)
    for slug in (elsewhere.slug, "no-such-structure", closed.slug):
        with pytest.raises(Http404):
            structure_for_page(pole=pole, slug=slug, user=AnonymousUser())
    assert structure_for_page(pole=pole, slug=closed.slug, user=coordinator) == closed
