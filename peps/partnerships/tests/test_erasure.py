"""What erasing an account does to the person's own partnership offers: closed, and out of the
matching index at once (no save signal does it any more)."""

from peps.accounts import services as accounts
from peps.matching.models import OfferDoc
from peps.partnerships.matching_adapter import engine_available

from .factories import OfferFactory


def test_erasing_an_account_closes_its_personal_offers_and_unindexes_them(pole, member):
    offer = OfferFactory(pole=pole, person=member, structure=None, is_open=True)
    others = OfferFactory(pole=pole, is_open=True)
    if engine_available():
        assert OfferDoc.objects.filter(offer=offer).exists()
    record = accounts.user_erase(user=member)
    offer.refresh_from_db()
    assert not offer.is_open and record.summary["offres_personnelles"] == 1
    assert not OfferDoc.objects.filter(offer=offer).exists()
    others.refresh_from_db()
    assert others.is_open
