"""Fixtures of the referentials app: a small tree and the référentiel PTCE."""

import pytest

from peps.referentials import services


@pytest.fixture
def small(db):
    """A two-level draft: A (A1, A2) and B (B1)."""
    version = services.referential_create(
        slug="petit", name="Petit référentiel", level_names=["Objectif", "Indicateur"], version_label="Essai"
    )
    a = services.item_add(version=version, code="A", label="Objectif A")
    services.item_add(version=version, parent=a, code="A1", label="Indicateur A1")
    services.item_add(version=version, parent=a, code="A2", label="", to_complete=True)
    b = services.item_add(version=version, code="B", label="Objectif B", theme="Thème B")
    services.item_add(version=version, parent=b, code="B1", label="Indicateur B1")
    return version


@pytest.fixture
def ptce(db):
    return services.load_ptce_referential()
