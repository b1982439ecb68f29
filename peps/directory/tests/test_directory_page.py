"""directory_page(), written out, reads what structures_for_directory() (the ORM) reads: the
same rows in the same order, page by page, with the same loaded fields, commune, pole and
sectors, and the same total, whatever the filters."""

import datetime

import pytest
from django.test import RequestFactory

from peps.core.testing import factories as f
from peps.directory.models import LegalForm
from peps.directory.selectors import DirectoryFilters, directory_page, structures_for_directory
from peps.poles.models import Membership

from .factories import sector, structure_with_search

pytestmark = pytest.mark.django_db


def shown(structure) -> tuple:
    commune = structure.commune
    return (
        structure.pk,
        structure.pole_id,
        structure.name,
        structure.slug,
        structure.legal_form,
        structure.museum_status,
        structure.summary,
        structure.commune_id,
        commune and (commune.name, commune.departement_id),
        [(s.pk, s.slug, s.name) for s in structure.sector_list],
        structure.get_deferred_fields(),
    )


@pytest.fixture
def many(pole, other_pole):
    communes = [f.CommuneFactory() for _ in range(3)]
    college = f.CollegeFactory(pole=pole, name="Acteurs")
    sectors = [sector("culture"), sector("mobilite"), sector("alimentation")]
    forms = [LegalForm.ASSOCIATION, LegalForm.SCIC]
    for number in range(14):
        structure = structure_with_search(
            pole=pole,
            # Twice the same name: the order falls back on the id, as the ORM's.
            name=f"Garage {'solidaire' if number % 2 else 'associatif'} {number // 4}",
            legal_form=forms[number % 2],
            commune=communes[number % 3] if number % 4 else None,
            sectors=sectors[: number % 4],
            is_active=number != 5,
        )
        if number % 3 == 0:
            Membership.objects.create(
                pole=pole, structure=structure, college=college, joined_on=datetime.date(2020, 1, 1)
            )
    structure_with_search(pole=other_pole, name="Garage solidaire d’ailleurs")
    return {"communes": communes, "college": college}


@pytest.mark.parametrize(
    "filters",
    [
        {},
        {"legal_form": LegalForm.SCIC},
        {"sector": "culture"},
        {"commune": 0},
        {"college": True},
        {"q": "garage sol"},
        {"q": "gar", "sector": "mobilite", "legal_form": LegalForm.SCIC},
        {"q": "nothing"},
        {"q": "garage", "college": True, "commune": 1},
    ],
)
@pytest.mark.parametrize("number", [1, 2, 4])
def test_the_page_is_the_querysets(settings, pole, many, filters, number):
    settings.PEPS_PAGE_SIZE = 3
    filters = dict(filters)  # the parameter is shared by the runs
    if "commune" in filters:
        filters["commune"] = many["communes"][filters["commune"]].code
    if "college" in filters:
        filters["college"] = many["college"].pk
    chosen = DirectoryFilters(**filters)
    page = directory_page(pole=pole, filters=chosen, request=RequestFactory().get("/", {"page": number}))
    expected = list(structures_for_directory(pole=pole, filters=chosen))
    assert [shown(s) for s in page.items] == [shown(s) for s in expected[(number - 1) * 3 : number * 3]]
    assert (page.total, page.has_next, page.num_pages) == (
        len(expected),
        number * 3 < len(expected),
        max(1, -(-len(expected) // 3)),
    )
    assert all(s.pole is pole for s in page.items)
