"""ISBN-10 and ISBN-13: check digits by python-stdnum, our own French message for each mistake,
and the canonical (digits only) form."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from stdnum import isbn
from stdnum.exceptions import InvalidComponent, InvalidLength
from stdnum.exceptions import ValidationError as InvalidNumber


def normalize_isbn(value: str) -> str:
    """Keep digits and a final X: people type ISBNs with hyphens and spaces."""
    return "".join(ch for ch in (value or "").upper() if ch.isdigit() or ch == "X")


def validate_isbn(value: str) -> None:
    digits = normalize_isbn(value)
    if not digits:
        return
    if len(digits) not in (10, 13):
        raise ValidationError(
            _("Un ISBN compte 10 ou 13 caractères (tirets et espaces ignorés) ; vous en avez saisi %(n)d.")
            % {"n": len(digits)},
            code="isbn_length",
        )
    # The prefix first: with a wrong prefix the check digit is wrong too, and less telling.
    if len(digits) == 13 and digits[:3] not in ("978", "979"):
        raise ValidationError(_("Un ISBN-13 commence par 978 ou 979."), code="isbn_prefix")
    try:
        isbn.validate(digits)
    except InvalidComponent:
        raise ValidationError(_("Un ISBN-13 commence par 978 ou 979."), code="isbn_prefix") from None
    except (InvalidLength, InvalidNumber):
        if len(digits) == 10:
            message = _("Cet ISBN-10 n’est pas valide : la clé de contrôle (dernier caractère) ne correspond pas.")
        else:
            message = _("Cet ISBN-13 n’est pas valide : la clé de contrôle (dernier chiffre) ne correspond pas.")
        raise ValidationError(message, code="isbn_checksum") from None
