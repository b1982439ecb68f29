"""Fixtures of this app's tests."""

import pytest


@pytest.fixture
def structure(pole):
    from peps.core.testing.factories import StructureFactory

    return StructureFactory(pole=pole, name="Maison de l’Emploi du Roannais", slug="maison-emploi")
