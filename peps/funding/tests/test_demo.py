"""seed_funding_demo: members' fees about 9 % of the first year's budget, the rest public."""

import pytest

from peps.funding.demo import seed_funding_demo
from peps.funding.models import FundingLine
from peps.funding.selectors import funding_summary
from peps.funding.tests.factories import fee

pytestmark = pytest.mark.django_db


def test_first_year_is_nine_percent_fees_and_the_rest_public(pole, coordinator):
    for amount in (500, 150, 120, 50, 50, 20, 20):
        fee(pole, amount, year=2025)
        fee(pole, amount, year=2026)
    report = seed_funding_demo(pole)
    assert report.created and report.years == [2025, 2026]
    first, second = funding_summary(pole, 2025, 2026)
    assert first["fees"] * 100 / first["total"] == pytest.approx(9, abs=0.3)
    assert first["public"] + first["fees"] == first["total"]
    assert second["public_share"] < first["public_share"]
    assert FundingLine.objects.filter(funder_name="Fonds social européen (FSE)", year=2025).exists()


def test_second_call_changes_nothing(pole, coordinator):
    fee(pole, 500, year=2025)
    seed_funding_demo(pole)
    count = FundingLine.objects.count()
    again = seed_funding_demo(pole)
    assert not again.created and FundingLine.objects.count() == count


def test_without_fees_it_still_builds_a_year(pole):
    report = seed_funding_demo(pole)
    assert report.created and report.lines == 4
