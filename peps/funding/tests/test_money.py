"""Money is written the French way: 1 234,50 €."""

from decimal import Decimal

import pytest
from django.template import Context, Template

from peps.funding.money import format_euros, format_percent

NB = "\u00a0"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (Decimal("1234.5"), f"1{NB}234,50{NB}€"),
        (Decimal("0"), f"0,00{NB}€"),
        (Decimal("999.999"), f"1{NB}000,00{NB}€"),
        (1234567, f"1{NB}234{NB}567,00{NB}€"),
        (Decimal("-45.1"), f"-45,10{NB}€"),
        ("12.3", f"12,30{NB}€"),
        (None, ""),
        ("n’importe quoi", ""),
    ],
)
def test_format_euros(value, expected):
    assert format_euros(value) == expected


def test_rounded_euros_and_percent():
    assert format_euros(Decimal("61234.56"), cents=False) == f"61{NB}235{NB}€"
    assert format_percent(8.96) == f"9{NB}%"


def test_template_filters():
    html = Template("{% load funding_tags %}{{ a|euros }} {{ s|percent }}").render(
        Context({"a": Decimal("1234.5"), "s": 91.04})
    )
    assert html == f"1{NB}234,50{NB}€ 91{NB}%"
