"""funding_summary equals direct sums, year by year, in a fixed number of queries."""

from decimal import Decimal

import pytest
from django.db.models import Sum

from peps.funding import selectors
from peps.funding.models import PUBLIC_FUNDERS, FunderKind, FundingKind, FundingLine
from peps.funding.tests.factories import FundingLineFactory, fee
from peps.poles.models import MembershipFee

pytestmark = pytest.mark.django_db


def test_summary_of_a_year_with_fees_grants_and_sales(pole, other_pole):
    fee(pole, "500")
    fee(pole, "400", paid=False)
    fee(pole, "900", year=2024)
    fee(other_pole, "7777")
    FundingLineFactory(pole=pole, amount=Decimal("6000"))  # local authority
    FundingLineFactory(pole=pole, funder_kind=FunderKind.EUROPE, amount=Decimal("2000"))
    FundingLineFactory(pole=pole, kind=FundingKind.SALES, funder_kind="", amount=Decimal("600"))
    FundingLineFactory(pole=pole, funder_kind=FunderKind.FOUNDATION, amount=Decimal("1000"))
    FundingLineFactory(pole=other_pole, amount=Decimal("99999"))
    (year,) = selectors.funding_summary(pole, 2025, 2025)
    assert year["year"] == 2025
    assert year["fees"] == Decimal("900")
    assert year["total"] == Decimal("10500")
    assert year["public"] == Decimal("8000")
    assert year["public_share"] == pytest.approx(76.19, abs=0.01)
    assert year["by_kind"] == [
        ("Cotisations des membres", Decimal("900")),
        ("Subvention", Decimal("9000")),
        ("Vente de prestations", Decimal("600")),
        ("Don", Decimal("0")),
        ("Contribution en nature", Decimal("0")),
        ("Autre ressource", Decimal("0")),
    ]


def test_summary_equals_direct_sums_over_several_years(pole, django_assert_num_queries):
    funders = [*FunderKind.values, ""]
    for index in range(40):
        kind = FundingKind.values[index % 5]
        funder = funders[index % len(funders)] if kind != FundingKind.GRANT else FunderKind.values[index % 7]
        FundingLineFactory(pole=pole, year=2020 + index % 5, kind=kind, funder_kind=funder, amount=Decimal(100 + index))
    for index in range(12):
        fee(pole, 20 + index, year=2020 + index % 5)
    with django_assert_num_queries(2):
        summary = selectors.funding_summary(pole, 2019, 2025)
    assert [y["year"] for y in summary] == list(range(2019, 2026))
    for year in summary:
        lines = FundingLine.objects.filter(pole=pole, year=year["year"])
        fees = MembershipFee.objects.filter(membership__pole=pole, year=year["year"]).aggregate(s=Sum("amount"))["s"]
        lines_total = lines.aggregate(s=Sum("amount"))["s"] or 0
        public = lines.filter(funder_kind__in=PUBLIC_FUNDERS).aggregate(s=Sum("amount"))["s"] or 0
        assert year["fees"] == (fees or 0)
        assert year["total"] == lines_total + (fees or 0)
        assert year["public"] == public
        assert sum(amount for _, amount in year["by_kind"]) == year["total"]
        assert year["public_share"] == (pytest.approx(float(public * 100 / year["total"])) if year["total"] else 0.0)


def test_reversed_range_is_empty_and_long_ranges_are_capped(pole):
    assert selectors.funding_summary(pole, 2025, 2020) == []
    assert len(selectors.funding_summary(pole, 1990, 2100)) == selectors.MAX_YEARS


def test_funding_years_spans_lines_and_fees(pole):
    assert selectors.funding_years(pole) is None
    fee(pole, "50", year=2023)
    FundingLineFactory(pole=pole, year=2026)
    assert selectors.funding_years(pole) == (2023, 2026)
