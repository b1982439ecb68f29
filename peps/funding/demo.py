"""The POLLENS demo's funding: in its first year, members' fees make about 9 % of the budget
and the rest is public money (Roannais Agglomération for three years, the European Social
Fund for the start-up months, the Région), as in DOMAIN.md; the next year the pole starts
to reduce its dependence (sales of training, a foundation). Built on the fees recorded on
the memberships; a second call leaves existing lines alone."""

import datetime
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db import transaction
from django.db.models import Sum
from django.utils import timezone

from peps.poles.models import Membership, MembershipStatus, Pole, Role

from .models import FunderKind, FundingKind, FundingLine
from .selectors import fees_of_pole

FEES_SHARE = Decimal("0.09")
# When no fee is recorded yet, the budget of the first year (fees would be about 9 % of it).
DEFAULT_BUDGET = Decimal("60000")

# (kind, funder kind, funder, share of the public part or of the total, note)
FIRST_YEAR = [
    (FundingKind.GRANT, FunderKind.LOCAL, "Roannais Agglomération", Decimal("0.60"), "Convention de trois ans"),
    (FundingKind.GRANT, FunderKind.EUROPE, "Fonds social européen (FSE)", Decimal("0.25"), "Mois de démarrage"),
    (FundingKind.GRANT, FunderKind.REGION, "Région Auvergne-Rhône-Alpes", Decimal("0.10"), ""),
    (FundingKind.IN_KIND, FunderKind.LOCAL, "Ville de Roanne", Decimal("0.05"), "Mise à disposition de locaux"),
]
# Second year, as shares of the total budget besides the fees.
NEXT_YEAR = [
    (FundingKind.GRANT, FunderKind.LOCAL, "Roannais Agglomération", Decimal("0.50"), "Convention de trois ans"),
    (FundingKind.GRANT, FunderKind.REGION, "Région Auvergne-Rhône-Alpes", Decimal("0.12"), ""),
    (FundingKind.GRANT, FunderKind.DEPARTEMENT, "Département de la Loire", Decimal("0.08"), ""),
    (FundingKind.IN_KIND, FunderKind.LOCAL, "Ville de Roanne", Decimal("0.04"), "Mise à disposition de locaux"),
    (
        FundingKind.SALES,
        "",
        "Formations CGVA et ateliers",
        Decimal("0.10"),
        "Certificat de gestion à la vie associative",
    ),
    (FundingKind.GRANT, FunderKind.FOUNDATION, "Fondation du Crédit Coopératif", Decimal("0.05"), ""),
    (FundingKind.DONATION, "", "Dons de particuliers", Decimal("0.02"), ""),
]


@dataclass
class FundingDemo:
    years: list[int]
    lines: int
    created: bool


def _round(amount: Decimal) -> Decimal:
    """To the ten euros, as budgets are written."""
    return (amount / 10).quantize(Decimal("1"), rounding=ROUND_HALF_UP) * 10


def _staff(pole: Pole):
    membership = (
        Membership.objects.filter(
            pole=pole, status=MembershipStatus.ACTIVE, person__isnull=False, role__in=[Role.COORDINATOR, Role.ADMIN]
        )
        .select_related("person")
        .order_by("role", "pk")
        .first()
    )
    return membership.person if membership else None


def seed_funding_demo(pole: Pole, *, now: datetime.datetime | None = None) -> FundingDemo:
    existing = FundingLine.objects.filter(pole=pole)
    if existing.exists():
        return FundingDemo(
            years=sorted(set(existing.values_list("year", flat=True))), lines=existing.count(), created=False
        )
    fee_years = _fees_by_year(pole)
    this_year = timezone.localdate(now or timezone.now()).year
    years = sorted(fee_years)[:2] or [this_year - 1]
    by = _staff(pole)
    lines = []
    for position, year in enumerate(years):
        fees = fee_years.get(year, Decimal("0"))
        total = fees / FEES_SHARE if fees else DEFAULT_BUDGET
        if position == 0:
            public = total - fees
            plan = [(k, f, n, public * share, note) for k, f, n, share, note in FIRST_YEAR]
        else:
            plan = [(k, f, n, total * share, note) for k, f, n, share, note in NEXT_YEAR]
        for kind, funder_kind, funder, amount, note in plan:
            lines.append(
                FundingLine(
                    pole=pole,
                    year=year,
                    kind=kind,
                    funder_kind=funder_kind,
                    funder_name=funder,
                    amount=_round(amount),
                    note=note,
                    recorded_by=by,
                )
            )
    with transaction.atomic():
        FundingLine.objects.bulk_create(lines)
    return FundingDemo(years=years, lines=len(lines), created=True)


def _fees_by_year(pole: Pole) -> dict[int, Decimal]:
    return dict(fees_of_pole(pole).values("year").annotate(total=Sum("amount")).order_by().values_list("year", "total"))
