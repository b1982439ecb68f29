"""French legal identifiers: SIREN, SIRET (Luhn check digit) and RNA numbers."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# La Poste's establishments break the Luhn rule; INSEE documents this exception.
LA_POSTE_SIREN = "356000000"
RNA_PATTERN = re.compile(r"^W[0-9][0-9AB][0-9]{7}$")


def compact(value: str) -> str:
    return re.sub(r"[\s.\-]", "", value or "").upper()


def luhn_ok(digits: str) -> bool:
    total = 0
    for index, char in enumerate(reversed(digits)):
        n = int(char)
        if index % 2 == 1:
            n *= 2
            if n > 9:
                n -= 9
        total += n
    return total % 10 == 0


def validate_siren(value: str) -> None:
    siren = compact(value)
    if not (siren.isdigit() and len(siren) == 9):
        raise ValidationError(_("Un numéro SIREN comporte exactement 9 chiffres."), code="siren_format")
    if not luhn_ok(siren):
        raise ValidationError(_("Ce numéro SIREN n’est pas valide (clé de contrôle incorrecte)."), code="siren_key")


def validate_siret(value: str) -> None:
    siret = compact(value)
    if not (siret.isdigit() and len(siret) == 14):
        raise ValidationError(_("Un numéro SIRET comporte exactement 14 chiffres."), code="siret_format")
    if siret.startswith(LA_POSTE_SIREN):
        if sum(int(c) for c in siret) % 5 != 0:
            raise ValidationError(_("Ce numéro SIRET n’est pas valide (clé de contrôle incorrecte)."), code="siret_key")
        return
    if not luhn_ok(siret):
        raise ValidationError(_("Ce numéro SIRET n’est pas valide (clé de contrôle incorrecte)."), code="siret_key")


def validate_rna(value: str) -> None:
    if not RNA_PATTERN.match(compact(value)):
        raise ValidationError(
            _("Un numéro RNA commence par W suivi de 9 caractères, par exemple W423001234."), code="rna_format"
        )
