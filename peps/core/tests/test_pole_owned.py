"""PoleOwned: the tenant-owned models share one pole field, who created them and when, and a
`for_pole()` read that names the pole."""

import pytest

from peps.agenda.models import Event
from peps.commons.models import Resource
from peps.core.models import PoleOwned
from peps.core.testing import factories as f
from peps.directory.models import Structure


@pytest.mark.parametrize("model", [Structure, Event, Resource])
def test_central_tenant_models_are_pole_owned(model):
    assert issubclass(model, PoleOwned)
    names = {field.name for field in model._meta.concrete_fields}
    assert {"pole", "created_by", "created_at"} <= names
    assert hasattr(model.objects, "for_pole")


def test_for_pole_reads_one_pole_only(pole, other_pole, coordinator):
    mine = f.StructureFactory(pole=pole, created_by=coordinator)
    f.StructureFactory(pole=other_pole)
    assert list(Structure.objects.for_pole(pole)) == [mine]
    assert mine.created_at is not None and mine.created_by == coordinator
    # The accessor each model always had is kept.
    assert list(pole.structures.all()) == [mine]
