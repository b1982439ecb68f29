"""Answers to a call's form: validation of stored answers against the field definitions,
what is missing before submission, and the limits on attached files."""

from decimal import Decimal, InvalidOperation
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from .models import CallField, FieldKind

SHORT_MAX = 300
LONG_MAX = 10_000

# Extensions accepted, and the first bytes their files start with (a renamed executable
# is refused). Office formats (docx, odt…) are zip archives.
ALLOWED_FILES = {
    ".pdf": (b"%PDF",),
    ".odt": (b"PK\x03\x04",),
    ".ods": (b"PK\x03\x04",),
    ".odp": (b"PK\x03\x04",),
    ".docx": (b"PK\x03\x04",),
    ".xlsx": (b"PK\x03\x04",),
    ".pptx": (b"PK\x03\x04",),
    ".png": (b"\x89PNG",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
}
CONTENT_TYPES = {
    ".pdf": "application/pdf",
    ".odt": "application/vnd.oasis.opendocument.text",
    ".ods": "application/vnd.oasis.opendocument.spreadsheet",
    ".odp": "application/vnd.oasis.opendocument.presentation",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
}


def max_file_bytes() -> int:
    return getattr(settings, "PEPS_CALLS_MAX_FILE_BYTES", 5 * 1024 * 1024)


def accepted_extensions() -> str:
    return ", ".join(sorted(e.lstrip(".") for e in ALLOWED_FILES))


def check_file(upload) -> str:
    """Refuse a file too large or of a type not accepted; returns its content type."""
    suffix = PurePath(upload.name or "").suffix.lower()
    if suffix not in ALLOWED_FILES:
        raise ValidationError(
            _("Ce type de fichier n’est pas accepté. Formats acceptés : %(formats)s.")
            % {"formats": accepted_extensions()}
        )
    if upload.size > max_file_bytes():
        raise ValidationError(
            _("Le fichier pèse %(size)s : la limite est de %(max)s.")
            % {"size": filesizeformat(upload.size), "max": filesizeformat(max_file_bytes())}
        )
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if not any(head.startswith(magic) for magic in ALLOWED_FILES[suffix]):
        raise ValidationError(
            _("Le contenu du fichier ne correspond pas à son extension « %(ext)s ».") % {"ext": suffix}
        )
    return CONTENT_TYPES[suffix]


def clean_value(field: CallField, value):
    """The stored form of one answer, or ValidationError; empty answers become None."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if field.kind in (FieldKind.SHORT_TEXT, FieldKind.LONG_TEXT):
        text = str(value).strip()
        limit = SHORT_MAX if field.kind == FieldKind.SHORT_TEXT else LONG_MAX
        if len(text) > limit:
            raise ValidationError(_("%(n)d caractères au plus.") % {"n": limit})
        return text
    if field.kind == FieldKind.NUMBER:
        try:
            number = Decimal(str(value).replace(",", ".").replace(" ", ""))
        except InvalidOperation:
            raise ValidationError(_("Saisissez un nombre.")) from None
        if not number.is_finite():
            raise ValidationError(_("Saisissez un nombre."))
        return str(number)
    if field.kind == FieldKind.CHOICE:
        if value not in field.choice_list:
            raise ValidationError(_("Choisissez une des réponses proposées."))
        return value
    if field.kind == FieldKind.YES_NO:
        if value in (True, "yes", "oui", "True"):
            return True
        if value in (False, "no", "non", "False"):
            return False
        raise ValidationError(_("Répondez par oui ou par non."))
    raise ValidationError(_("Cette question attend un fichier."))


def clean_answers(fields: list[CallField], data: dict) -> dict:
    """Keep only answers to the call's non-file fields, each validated; errors by field key."""
    cleaned, errors = {}, {}
    for field in fields:
        if field.kind == FieldKind.FILE or field.key not in data:
            continue
        try:
            value = clean_value(field, data[field.key])
        except ValidationError as error:
            errors[field.key] = error.messages
            continue
        if value is not None:
            cleaned[field.key] = value
    if errors:
        raise ValidationError(errors)
    return cleaned


def missing_required(fields: list[CallField], answers: dict, attached_field_ids: set[int]) -> list[CallField]:
    missing = []
    for field in fields:
        if not field.required:
            continue
        present = field.pk in attached_field_ids if field.kind == FieldKind.FILE else answers.get(field.key) is not None
        if not present:
            missing.append(field)
    return missing


def display_value(field: CallField, value) -> str:
    if value is None:
        return ""
    if field.kind == FieldKind.YES_NO:
        return _("Oui") if value else _("Non")
    return str(value)
