"""Factories of the partnerships tests, on top of the shared ones."""

import factory

from peps.core.testing.factories import PoleFactory, ProjectFactory, StructureFactory, UserFactory
from peps.core.text import build_search_text
from peps.directory.models import Representative, RepresentativeStatus
from peps.partnerships.models import Category, Need, Offer, Partnership, PartnershipEvent, Reach

__all__ = ["engine_queries", "NeedFactory", "OfferFactory", "PartnershipFactory", "representative_of"]


class _Base(factory.django.DjangoModelFactory):
    pole = factory.SubFactory(PoleFactory)
    category = Category.PREMISES
    title = factory.Sequence(lambda n: f"Titre {n}")
    description = "Une description."
    reach = Reach.TERRITORY
    search_text = factory.LazyAttribute(lambda o: build_search_text(o.title, o.description))

    @factory.post_generation
    def indexed(obj, create, extracted, **kwargs):
        # The services index what they write (matching_adapter.index_after_write); rows made
        # here are indexed the same way, without the embedding task.
        if create:
            from peps.matching.indexing import index_need, index_offer

            (index_offer if isinstance(obj, Offer) else index_need)(obj)


class NeedFactory(_Base):
    class Meta:
        model = Need

    project = factory.SubFactory(ProjectFactory, pole=factory.SelfAttribute("..pole"))
    reach = factory.LazyAttribute(lambda o: Reach.AROUND if o.commune else Reach.TERRITORY)
    commune = None


class OfferFactory(_Base):
    class Meta:
        model = Offer

    structure = factory.SubFactory(StructureFactory, pole=factory.SelfAttribute("..pole"))
    reach = factory.LazyAttribute(lambda o: Reach.AROUND if o.commune else Reach.TERRITORY)
    commune = None


class PartnershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partnership
        skip_postgeneration_save = True

    need = factory.SubFactory(NeedFactory)
    pole = factory.LazyAttribute(lambda o: o.need.pole)
    project = factory.LazyAttribute(lambda o: o.need.project)
    partner_structure = factory.SubFactory(StructureFactory, pole=factory.SelfAttribute("..pole"))
    proposed_by = factory.LazyAttribute(lambda o: o.project.holder)

    @factory.post_generation
    def history(obj, create, extracted, **kwargs):
        if create:
            PartnershipEvent.objects.create(partnership=obj, author=obj.proposed_by, to_status="proposed")


def representative_of(structure, person, *, status=RepresentativeStatus.APPROVED) -> Representative:
    return Representative.objects.create(structure=structure, person=person, status=status)


def person(**fields):
    return UserFactory(**fields)


def engine_queries() -> int:
    """What one suggestion list may cost by itself: the matching engine's own budget (8
    queries, measured on 30 candidates) or the fallback's single query."""
    from peps.partnerships.matching_adapter import engine_available

    return 8 if engine_available() else 1
