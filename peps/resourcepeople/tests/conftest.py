"""Fixtures of the resourcepeople app: a public and a members-only resource person."""

import pytest

from peps.resourcepeople.models import PersonVisibility
from peps.resourcepeople.tests.factories import ResourcePersonFactory


@pytest.fixture
def helene(db):
    return ResourcePersonFactory(
        name="Hélène Garnier",
        tags="modèle économique, finance solidaire",
        languages="français, anglais",
        email="helene@exemple.demo",
    )


@pytest.fixture
def sophie(db):
    return ResourcePersonFactory(
        name="Sophie Marchand",
        tags="diagnostic territorial",
        languages="français, espagnol",
        visibility=PersonVisibility.MEMBERS,
        email="sophie@exemple.demo",
    )
