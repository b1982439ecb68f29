"""Fixtures of partnerships: a project held by Hugo, a structure represented by Rose
offering a room in Roanne, and a need of the project."""

import pytest

from peps.core.testing import factories as f

from .factories import NeedFactory, OfferFactory, representative_of


@pytest.fixture
def holder(db):
    return f.UserFactory(email="hugo.porteur@example.org", display_name="Hugo")


@pytest.fixture
def project(pole, holder, commune):
    return f.ProjectFactory(pole=pole, holder=holder, commune=commune, title="Café-lecture solidaire")


@pytest.fixture
def representative(db):
    return f.UserFactory(email="rose.representante@example.org", display_name="Rose")


@pytest.fixture
def structure(pole, commune, representative):
    structure = f.StructureFactory(pole=pole, commune=commune, name="Maison des associations", slug="mda")
    representative_of(structure, representative)
    return structure


@pytest.fixture
def need(pole, project, commune, holder):
    return NeedFactory(
        pole=pole,
        project=project,
        commune=commune,
        created_by=holder,
        title="Un local de 50 m² à Roanne deux soirs par semaine",
        description="Pour nos soirées lecture, le mardi et le jeudi.",
    )


@pytest.fixture
def offer(pole, structure, commune, representative):
    return OfferFactory(
        pole=pole,
        structure=structure,
        commune=commune,
        created_by=representative,
        title="Salle de réunion de 60 m² en soirée",
        description="Notre grande salle est libre le soir en semaine.",
    )


@pytest.fixture
def login(client):
    def _login(user):
        client.force_login(user)
        return client

    return _login
