"""need_create / need_update / offer_create: the rules of a need or an offer."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from peps.partnerships import services
from peps.partnerships.models import Need, Offer, Reach

from .factories import NeedFactory


def data(**overrides):
    base = {
        "category": "premises",
        "title": "Un local",
        "description": "Deux soirs par semaine.",
        "reach": Reach.TERRITORY,
        "radius_km": 20,
        "is_open": True,
    }
    return {**base, **overrides}


def test_a_holder_publishes_a_need_with_its_search_text(pole, project, holder):
    need = services.need_create(pole=pole, by=holder, project=project, data=data(title="Un LOCAL à Élise"))
    assert need.pk and need.project == project and need.created_by == holder
    assert "local" in need.search_text and "elise" in need.search_text


def test_a_need_without_description_is_refused(pole, project, holder):
    with pytest.raises(ValidationError) as error:
        services.need_create(pole=pole, by=holder, project=project, data=data(description="   "))
    assert "description" in error.value.message_dict
    assert not Need.objects.exists()


def test_an_end_before_the_start_is_refused_with_both_dates(pole, project, holder):
    dates = {"starts_on": datetime.date(2026, 5, 10), "ends_on": datetime.date(2026, 5, 1)}
    with pytest.raises(ValidationError) as error:
        services.need_create(pole=pole, by=holder, project=project, data=data(**dates))
    assert error.value.message_dict["ends_on"] == [
        "La date de fin (01/05/2026) est avant la date de début (10/05/2026)."
    ]


def test_around_a_commune_needs_the_commune(pole, project, holder, commune):
    with pytest.raises(ValidationError) as error:
        services.need_create(pole=pole, by=holder, project=project, data=data(reach=Reach.AROUND))
    assert "commune" in error.value.message_dict
    need = services.need_create(pole=pole, by=holder, project=project, data=data(reach=Reach.AROUND, commune=commune))
    assert need.commune == commune


def test_the_database_also_refuses_dates_out_of_order(pole, project):
    with pytest.raises(IntegrityError), transaction.atomic():
        NeedFactory(pole=pole, project=project, starts_on=datetime.date(2026, 5, 2), ends_on=datetime.date(2026, 5, 1))


def test_a_need_has_a_project_or_a_structure(pole, holder):
    with pytest.raises(ValidationError):
        services.need_create(pole=pole, by=holder, data=data())


def test_updating_a_need_checks_the_same_rules(need, holder):
    with pytest.raises(ValidationError):
        services.need_update(need=need, by=holder, data={"description": ""})
    services.need_update(need=need, by=holder, data={"title": "Une salle", "is_open": False})
    need.refresh_from_db()
    assert need.title == "Une salle" and not need.is_open and "salle" in need.search_text


def test_an_offer_without_structure_is_the_persons_own(pole, member):
    offer = services.offer_create(pole=pole, by=member, data=data(category="skills", title="Comptabilité"))
    assert offer.person == member and offer.structure is None


def test_an_offer_of_a_structure(pole, structure, representative):
    offer = services.offer_create(pole=pole, by=representative, structure=structure, data=data())
    assert offer.structure == structure and offer.person is None
    assert Offer.objects.count() == 1
