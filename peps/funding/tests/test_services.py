"""Services of the funding lines."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from peps.funding import services
from peps.funding.models import FunderKind, FundingKind, FundingLine

pytestmark = pytest.mark.django_db


def test_create_a_grant_and_say_it_is_public(pole, coordinator):
    line = services.funding_line_create(
        pole=pole,
        by=coordinator,
        year=2025,
        kind=FundingKind.GRANT,
        funder_kind=FunderKind.EUROPE,
        funder_name=" Fonds social européen ",
        amount=Decimal("15000"),
    )
    assert line.funder_name == "Fonds social européen" and line.is_public and line.recorded_by == coordinator


def test_a_grant_needs_its_funder_kind_and_amounts_are_positive(pole, coordinator):
    with pytest.raises(ValidationError) as error:
        services.funding_line_create(pole=pole, by=coordinator, year=2025, kind="grant", amount=Decimal("-1"))
    assert {"funder_kind", "amount"} <= set(error.value.message_dict)
    # The database says it too.
    with pytest.raises(IntegrityError):
        FundingLine.objects.create(pole=pole, year=2025, kind="grant", funder_kind="", amount=Decimal("10"))


def test_sales_and_foundations_are_not_public(pole, coordinator):
    sales = services.funding_line_create(pole=pole, by=coordinator, year=2025, kind="sales", amount=Decimal("800"))
    foundation = services.funding_line_create(
        pole=pole, by=coordinator, year=2025, kind="grant", funder_kind="foundation", amount=Decimal("800")
    )
    assert not sales.is_public and not foundation.is_public


def test_update_and_delete(pole, coordinator):
    line = services.funding_line_create(pole=pole, by=coordinator, year=2025, kind="donation", amount=Decimal("50"))
    services.funding_line_update(line=line, by=coordinator, amount=Decimal("75.50"), note="Dons en ligne")
    line.refresh_from_db()
    assert line.amount == Decimal("75.50") and line.note == "Dons en ligne"
    with pytest.raises(ValidationError):
        services.funding_line_update(line=line, by=coordinator, kind="grant")
    with pytest.raises(TypeError):
        services.funding_line_update(line=line, by=coordinator, pole=None)
    services.funding_line_delete(line=line, by=coordinator)
    assert not FundingLine.objects.exists()
