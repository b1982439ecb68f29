"""Turning a spreadsheet's cells into field values: dates, amounts, identifiers, yes/no,
legal forms and communes. Each parser returns a value or raises RowError with a reason."""

import datetime
import re
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _
from stdnum.fr import siren as stdnum_siren
from stdnum.fr import siret as stdnum_siret

from peps.core.identifiers import RNA_PATTERN, compact
from peps.core.text import fold
from peps.directory.models import LegalForm

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


class RowError(Exception):
    """Why a row is skipped, in French."""


def is_formula(text: str) -> bool:
    # A leading "-" or "+" is a formula only when more than a number follows.
    if not text:
        return False
    if text[0] == "=":
        return True
    return text[0] in "+-@" and not re.fullmatch(r"[+-]?[\d\s.,]+", text)


def neutralise(value) -> str:
    """A cell made safe for a spreadsheet: text that a spreadsheet would run as a formula
    gets a leading apostrophe (OWASP « CSV injection »)."""
    text = "" if value is None else str(value)
    if text and text[0] in FORMULA_PREFIXES:
        return "'" + text
    return text


def parse_date(text: str, label: str) -> datetime.date | None:
    if not text:
        return None
    text = text.strip()[:19]
    for pattern in ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y", "%d/%m/%y", "%Y-%m-%d %H:%M:%S"):
        try:
            return datetime.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise RowError(
        _("%(field)s : date illisible « %(value)s » (attendu : JJ/MM/AAAA).") % {"field": label, "value": text}
    )


def parse_amount(text: str, label: str) -> Decimal | None:
    if not text:
        return None
    cleaned = re.sub(r"[\s\u00a0\u202f€]", "", text).replace(",", ".")
    try:
        amount = Decimal(cleaned)
    except InvalidOperation:
        raise RowError(_("%(field)s : montant illisible « %(value)s ».") % {"field": label, "value": text}) from None
    if amount < 0 or amount >= Decimal("10000000"):
        raise RowError(_("%(field)s : montant hors limites « %(value)s ».") % {"field": label, "value": text})
    return amount.quantize(Decimal("0.01"))


def parse_year(text: str, label: str) -> int | None:
    if not text:
        return None
    if not re.fullmatch(r"\d{4}", text.strip()):
        raise RowError(_("%(field)s : année illisible « %(value)s ».") % {"field": label, "value": text})
    return int(text)


def parse_siret(text: str) -> str:
    value = compact(text)
    if value and not stdnum_siret.is_valid(value):
        raise RowError(_("SIRET invalide « %(value)s » (14 chiffres avec une clé de contrôle).") % {"value": text})
    return value


def parse_siren(text: str) -> str:
    value = compact(text)
    if value and not stdnum_siren.is_valid(value):
        raise RowError(_("SIREN invalide « %(value)s » (9 chiffres avec une clé de contrôle).") % {"value": text})
    return value


def parse_rna(text: str) -> str:
    value = compact(text)
    if value and not RNA_PATTERN.match(value):
        raise RowError(_("Numéro RNA invalide « %(value)s » (W suivi de 9 caractères).") % {"value": text})
    return value


YES = {"o", "oui", "yes", "y", "1", "vrai", "true", "x"}
NO = {"n", "non", "no", "0", "faux", "false"}


def parse_bool(text: str) -> bool | None:
    key = fold(text).strip()
    if key in YES:
        return True
    if key in NO:
        return False
    return None


def _legal_forms() -> dict[str, str]:
    forms = {}
    for value, label in LegalForm.choices:
        forms[fold(value)] = value
        forms[fold(str(label))] = value
    forms.update(
        {
            "asso": LegalForm.ASSOCIATION,
            "association loi 1901": LegalForm.ASSOCIATION,
            "ea": LegalForm.ENTREPRISE_ADAPTEE,
        }
    )
    forms.update({"mutuelle": LegalForm.MUTUELLE, "commune": LegalForm.COLLECTIVITE, "siae": LegalForm.SIAE})
    return forms


def legal_form_from_category(category: str) -> str:
    """The directory's legal form from INSEE's catégorie juridique, when it says enough."""
    if category.startswith("92"):
        return LegalForm.ASSOCIATION
    if category in ("5458", "5558", "5658"):  # SA, SAS… coopérative ouvrière de production
        return LegalForm.SCOP
    if category in ("5560", "5660", "5760"):
        return LegalForm.SCIC
    if category.startswith("82") or category.startswith("83"):
        return LegalForm.MUTUELLE
    if category.startswith("93"):
        return LegalForm.FONDATION
    if category.startswith("72") or category.startswith("73"):
        return LegalForm.COLLECTIVITE
    return ""


def parse_legal_form(text: str) -> str:
    if not text:
        return ""
    if re.fullmatch(r"\d{4}", text.strip()):
        return legal_form_from_category(text.strip()) or LegalForm.AUTRE
    form = _legal_forms().get(fold(text).strip())
    if form is None:
        raise RowError(_("Forme juridique inconnue « %(value)s ».") % {"value": text})
    return form
