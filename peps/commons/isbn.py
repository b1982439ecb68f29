"""ISBN-10 and ISBN-13 validation with check digits, and their canonical (digits only) form."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


def normalize_isbn(value: str) -> str:
    """Keep digits and a final X: people type ISBNs with hyphens and spaces."""
    return "".join(ch for ch in (value or "").upper() if ch.isdigit() or ch == "X")


def isbn10_is_valid(digits: str) -> bool:
    if len(digits) != 10 or not digits[:9].isdigit() or not (digits[9].isdigit() or digits[9] == "X"):
        return False
    values = [int(ch) for ch in digits[:9]] + [10 if digits[9] == "X" else int(digits[9])]
    return sum((10 - i) * v for i, v in enumerate(values)) % 11 == 0


def isbn13_is_valid(digits: str) -> bool:
    if len(digits) != 13 or not digits.isdigit() or digits[:3] not in ("978", "979"):
        return False
    total = sum(int(ch) * (1 if i % 2 == 0 else 3) for i, ch in enumerate(digits[:12]))
    return (10 - total % 10) % 10 == int(digits[12])


def validate_isbn(value: str) -> None:
    digits = normalize_isbn(value)
    if not digits:
        return
    if len(digits) == 10:
        if not isbn10_is_valid(digits):
            raise ValidationError(
                _("Cet ISBN-10 n’est pas valide : la clé de contrôle (dernier caractère) ne correspond pas."),
                code="isbn_checksum",
            )
    elif len(digits) == 13:
        if digits[:3] not in ("978", "979"):
            raise ValidationError(_("Un ISBN-13 commence par 978 ou 979."), code="isbn_prefix")
        if not isbn13_is_valid(digits):
            raise ValidationError(
                _("Cet ISBN-13 n’est pas valide : la clé de contrôle (dernier chiffre) ne correspond pas."),
                code="isbn_checksum",
            )
    else:
        raise ValidationError(
            _("Un ISBN compte 10 ou 13 caractères (tirets et espaces ignorés) ; vous en avez saisi %(n)d.")
            % {"n": len(digits)},
            code="isbn_length",
        )
