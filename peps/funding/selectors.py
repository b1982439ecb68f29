"""Reads of the pole's funding: the year-by-year mix (`funding_summary`, also used by the
annual report), a year's lines, and the range of years that have figures."""

from decimal import Decimal

from django.db.models import Count, Max, Min, Q, Sum
from django.shortcuts import get_object_or_404

from peps.poles.models import MembershipFee, Pole

from .models import FEES_LABEL, PUBLIC_FUNDERS, FundingKind, FundingLine

ZERO = Decimal("0.00")
# A page or a report never spans more years than this (a malformed range stays cheap).
MAX_YEARS = 30


def fees_of_pole(pole: Pole):
    """The fees recorded on the pole's memberships (paid or not yet paid: the year's dues)."""
    return MembershipFee.objects.filter(membership__pole=pole)


def funding_summary(pole: Pole, start_year: int, end_year: int) -> list[dict]:
    """One dict per year from start_year to end_year (both included), in two queries:

    {"year", "total", "fees", "public", "public_share" (0–100, float), "by_kind": [(label, amount)]}

    `by_kind` always lists the members' fees first, then every FundingKind in its order,
    zeros included, so that years compare line by line. Fees count as private money."""
    start_year, end_year = int(start_year), int(end_year)
    if end_year < start_year:
        return []
    end_year = min(end_year, start_year + MAX_YEARS - 1)
    lines = (
        FundingLine.objects.filter(pole=pole, year__gte=start_year, year__lte=end_year)
        .values("year", "kind")
        .annotate(total=Sum("amount"), public=Sum("amount", filter=Q(funder_kind__in=PUBLIC_FUNDERS)))
        .order_by()
    )
    fees = dict(
        fees_of_pole(pole)
        .filter(year__gte=start_year, year__lte=end_year)
        .values("year")
        .annotate(total=Sum("amount"))
        .order_by()
        .values_list("year", "total")
    )
    by_year: dict[int, dict[str, Decimal]] = {}
    public: dict[int, Decimal] = {}
    for row in lines:
        by_year.setdefault(row["year"], {})[row["kind"]] = row["total"] or ZERO
        public[row["year"]] = public.get(row["year"], ZERO) + (row["public"] or ZERO)
    summary = []
    for year in range(start_year, end_year + 1):
        kinds = by_year.get(year, {})
        year_fees = fees.get(year) or ZERO
        by_kind = [(FEES_LABEL, year_fees)] + [(label, kinds.get(value, ZERO)) for value, label in FundingKind.choices]
        total = sum((amount for _, amount in by_kind), ZERO)
        year_public = public.get(year, ZERO)
        summary.append(
            {
                "year": year,
                "total": total,
                "fees": year_fees,
                "public": year_public,
                "public_share": float(year_public * 100 / total) if total else 0.0,
                "by_kind": by_kind,
            }
        )
    return summary


def funding_years(pole: Pole) -> tuple[int, int] | None:
    """The first and last years with a funding line or a fee, or None (two queries)."""
    lines = FundingLine.objects.filter(pole=pole).aggregate(first=Min("year"), last=Max("year"))
    fees = fees_of_pole(pole).aggregate(first=Min("year"), last=Max("year"))
    firsts = [y for y in (lines["first"], fees["first"]) if y]
    lasts = [y for y in (lines["last"], fees["last"]) if y]
    if not firsts:
        return None
    return min(firsts), max(lasts)


def lines_of_year(*, pole: Pole, year: int) -> list[FundingLine]:
    return list(FundingLine.objects.filter(pole=pole, year=year).order_by("kind", "-amount", "pk"))


def fees_detail(*, pole: Pole, year: int) -> dict:
    """How the year's fees are made: how many, how much is not paid yet (one query)."""
    return (
        fees_of_pole(pole)
        .filter(year=year)
        .aggregate(
            count=Count("pk"),
            unpaid_count=Count("pk", filter=Q(paid_on__isnull=True)),
            unpaid=Sum("amount", filter=Q(paid_on__isnull=True), default=ZERO),
        )
    )


def line_for_editor(*, pole: Pole, pk: int) -> FundingLine:
    """A line of this pole, or 404."""
    return get_object_or_404(FundingLine, pole=pole, pk=pk)
