"""Writes of the pole's funding lines (the fees are recorded on memberships, not here)."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from peps.accounts.models import User
from peps.poles.models import Pole

from .models import FunderKind, FundingKind, FundingLine

EDITABLE = ("year", "kind", "funder_kind", "funder_name", "amount", "note")


def _validate(line: FundingLine) -> None:
    errors = {}
    if line.kind not in FundingKind.values:
        errors["kind"] = _("Choisissez la nature de la ressource dans la liste.")
    if line.funder_kind and line.funder_kind not in FunderKind.values:
        errors["funder_kind"] = _("Choisissez le type de financeur dans la liste.")
    if line.kind == FundingKind.GRANT and not line.funder_kind:
        errors["funder_kind"] = _("Pour une subvention, indiquez le type de financeur (collectivité, État, Europe…).")
    if line.amount is None or Decimal(line.amount) <= 0:
        errors["amount"] = _("Le montant doit être supérieur à zéro.")
    if not (1990 <= int(line.year or 0) <= 2100):
        errors["year"] = _("Indiquez une année entre 1990 et 2100.")
    if errors:
        raise ValidationError(errors)


def funding_line_create(
    *,
    pole: Pole,
    by: User,
    year: int,
    kind: str,
    amount: Decimal,
    funder_kind: str = "",
    funder_name: str = "",
    note: str = "",
) -> FundingLine:
    line = FundingLine(
        pole=pole,
        recorded_by=by,
        year=year,
        kind=kind,
        amount=amount,
        funder_kind=funder_kind,
        funder_name=funder_name.strip(),
        note=note.strip(),
    )
    _validate(line)
    with transaction.atomic():
        line.save()
    return line


def funding_line_update(*, line: FundingLine, by: User, **changes) -> FundingLine:
    unknown = set(changes) - set(EDITABLE)
    if unknown:
        raise TypeError(f"funding_line_update cannot change {sorted(unknown)}")
    for name, value in changes.items():
        setattr(line, name, value.strip() if isinstance(value, str) and name != "kind" else value)
    _validate(line)
    line.recorded_by = by
    with transaction.atomic():
        line.save()
    return line


def funding_line_delete(*, line: FundingLine, by: User) -> None:
    with transaction.atomic():
        line.delete()
