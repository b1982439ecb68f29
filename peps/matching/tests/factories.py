"""Factories for needs and offers as the matching tests need them (saved and indexed, as the
services do)."""

import factory

from peps.core.testing import factories as f
from peps.matching.indexing import index_need, index_offer
from peps.partnerships.models import Category, Need, Offer
from peps.territory.models import EPCI

ROANNAIS_AGGLO = "200035731"
CHARLIEU_BELMONT = "200035202"

# Real coordinates and intercommunality of a few communes of the Roannais.
COMMUNES = {
    "42187": ("Roanne", 46.0348091, 4.0733528, ROANNAIS_AGGLO),
    "42184": ("Riorges", 46.0415992737, 4.04476976395, ROANNAIS_AGGLO),
    "42071": ("Le Coteau", 46.0292672, 4.0863766, ROANNAIS_AGGLO),
    "42052": ("Charlieu", 46.1594009399, 4.17174005508, CHARLIEU_BELMONT),
    "42248": ("Saint-Just-en-Chevalet", 45.9133987427, 3.84686994553, "244200820"),
}


def commune(code: str):
    name, latitude, longitude, epci = COMMUNES[code]
    epci_row, _ = EPCI.objects.get_or_create(code=epci, defaults={"name": f"EPCI {epci}"})
    return f.CommuneFactory(code=code, name=name, latitude=latitude, longitude=longitude, epci=epci_row)


class OfferFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Offer

    pole = factory.SubFactory(f.PoleFactory)
    structure = factory.SubFactory(f.StructureFactory, pole=factory.SelfAttribute("..pole"))
    category = Category.PREMISES
    title = "Salle de réunion"
    description = "Une salle de 40 places."

    @factory.post_generation
    def indexed(obj, create, extracted, **kwargs):
        # The services index what they write; rows made here are indexed the same way.
        if create:
            index_offer(obj)


class NeedFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Need

    pole = factory.SubFactory(f.PoleFactory)
    project = factory.SubFactory(f.ProjectFactory, pole=factory.SelfAttribute("..pole"))
    category = Category.PREMISES
    title = "Un local"
    description = "Pour nos réunions."

    @factory.post_generation
    def indexed(obj, create, extracted, **kwargs):
        if create:
            index_need(obj)
