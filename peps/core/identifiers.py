"""French legal identifiers: SIREN and SIRET (check digits by python-stdnum, which also knows
La Poste's establishments) and RNA numbers (no library checks them: a pattern)."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from stdnum import luhn
from stdnum.fr import siren as stdnum_siren
from stdnum.fr import siret as stdnum_siret

RNA_PATTERN = re.compile(r"^W[0-9][0-9AB][0-9]{7}$")


def compact(value: str) -> str:
    return re.sub(r"[\s.\-]", "", value or "").upper()


def luhn_ok(digits: str) -> bool:
    return luhn.is_valid(digits)


def validate_siren(value: str) -> None:
    siren = compact(value)
    if not (siren.isdigit() and len(siren) == 9):
        raise ValidationError(_("Un numéro SIREN comporte exactement 9 chiffres."), code="siren_format")
    if not stdnum_siren.is_valid(siren):
        raise ValidationError(_("Ce numéro SIREN n’est pas valide (clé de contrôle incorrecte)."), code="siren_key")


def validate_siret(value: str) -> None:
    siret = compact(value)
    if not (siret.isdigit() and len(siret) == 14):
        raise ValidationError(_("Un numéro SIRET comporte exactement 14 chiffres."), code="siret_format")
    if not stdnum_siret.is_valid(siret):
        raise ValidationError(_("Ce numéro SIRET n’est pas valide (clé de contrôle incorrecte)."), code="siret_key")


def validate_rna(value: str) -> None:
    if not RNA_PATTERN.match(compact(value)):
        raise ValidationError(
            _("Un numéro RNA commence par W suivi de 9 caractères, par exemple W423001234."), code="rna_format"
        )
