"""The matching adapter: its honest fallback, and partners that left the pole are never suggested."""

from peps.core.testing import factories as f
from peps.partnerships import matching_adapter
from peps.partnerships.matching_adapter import fallback_needs, fallback_partners, suggest_partners
from peps.poles.models import Membership, MembershipStatus

from .factories import NeedFactory, OfferFactory


def test_the_fallback_suggests_open_offers_of_the_same_category_newest_first(pole, need, other_pole):
    older = OfferFactory(pole=pole, category="premises", title="Ancienne salle")
    newer = OfferFactory(pole=pole, category="premises", title="Nouvelle salle")
    OfferFactory(pole=pole, category="funding")
    OfferFactory(pole=pole, category="premises", is_open=False)
    OfferFactory(pole=other_pole, category="premises")
    suggestions = fallback_partners(need)
    assert [s.offer for s in suggestions] == [newer, older]
    assert all(s.reasons == ["même catégorie"] and s.score == matching_adapter.FALLBACK_SCORE for s in suggestions)


def test_the_fallback_suggests_open_needs_for_an_offer(pole, offer, need):
    NeedFactory(pole=pole, category="funding")
    NeedFactory(pole=pole, category="premises", is_open=False)
    assert [s.need for s in fallback_needs(offer)] == [need]


def test_a_structure_that_left_the_pole_is_no_longer_suggested(pole, need, offer):
    assert [s.offer for s in suggest_partners(need)] == [offer]
    Membership.objects.create(pole=pole, structure=offer.structure, status=MembershipStatus.LEFT)
    assert suggest_partners(need) == []


def test_an_inactive_structure_is_no_longer_suggested(need, offer):
    offer.structure.is_active = False
    offer.structure.save()
    assert suggest_partners(need) == []


def test_a_person_who_left_the_pole_is_no_longer_suggested(pole, need):
    person = f.member_of(pole)
    offer = OfferFactory(pole=pole, structure=None, person=person)
    assert [s.offer for s in suggest_partners(need)] == [offer]
    Membership.objects.filter(person=person).update(status=MembershipStatus.LEFT)
    assert suggest_partners(need) == []


def test_the_adapter_tells_whether_the_engine_is_installed():
    assert isinstance(matching_adapter.engine_available(), bool)
