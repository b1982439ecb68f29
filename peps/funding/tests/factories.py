"""Factories of the funding app: funding lines and membership fees."""

import datetime
from decimal import Decimal

import factory

from peps.core.testing.factories import PoleFactory
from peps.funding.models import FunderKind, FundingKind, FundingLine
from peps.poles.models import Membership, MembershipFee


class FundingLineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FundingLine

    pole = factory.SubFactory(PoleFactory)
    year = 2025
    kind = FundingKind.GRANT
    funder_kind = FunderKind.LOCAL
    funder_name = "Roannais Agglomération"
    amount = Decimal("10000.00")


def fee(pole, amount, year: int = 2025, *, paid: bool = True, structure=None) -> MembershipFee:
    """A membership of a new structure with its fee for `year`."""
    from peps.core.testing.factories import StructureFactory

    membership = Membership.objects.create(pole=pole, structure=structure or StructureFactory(pole=pole))
    return MembershipFee.objects.create(
        membership=membership,
        year=year,
        amount=Decimal(amount),
        paid_on=datetime.date(year, 2, 1) if paid else None,
    )
