"""The row engine shared by the preview and the import itself: each row of the file becomes
field values, a reason to skip it, or a duplicate of a structure already known (in the
directory, or earlier in the same file). The same code decides in both, so the preview
shows exactly what the import will do."""

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from peps.activity.models import Channel
from peps.core.text import fold
from peps.directory.models import LegalForm, Structure
from peps.poles.models import College, Pole
from peps.territory.models import Commune
from peps.territory.selectors import communes_in_units

from . import parsing
from .fields import fields_for
from .models import ImportKind
from .parsing import RowError


@dataclass
class Row:
    number: int
    cells: list[str]
    values: dict[str, Any] = field(default_factory=dict)
    error: str = ""
    # The structure this row points to: by its PEPS id (an update, no question asked) or
    # found as a duplicate (the coordinator chooses: merge, skip, create anyway).
    target_id: int | None = None
    duplicate_of: int | None = None  # a structure's pk
    duplicate_row: int | None = None  # an earlier row of the same file
    duplicate_reason: str = ""
    duplicate_name: str = ""  # the known structure's name, for the preview
    commune_name: str = ""

    @property
    def label(self) -> str:
        return str(self.values.get("name") or self.values.get("topic") or "")


class Index:
    """Identifiers and folded name + commune of the pole's structures, in memory: one query,
    then every row is checked without touching the database."""

    def __init__(self, pole: Pole):
        self.by_key: dict[tuple, int] = {}
        self.ids: set[int] = set()
        self.names: dict[int, str] = {}
        rows = Structure.objects.filter(pole=pole).values_list("pk", "name", "siren", "siret", "rna", "commune_id")
        for pk, name, siren, siret, rna, commune_id in rows.iterator(chunk_size=2000):
            self.ids.add(pk)
            self.names[pk] = name
            self.add(pk, name=name, siren=siren, siret=siret, rna=rna, commune=commune_id)

    def by_name(self) -> dict[str, list[int]]:
        """Folded name -> structures, built once on first use (contacts given without a commune)."""
        if not hasattr(self, "_by_name"):
            self._by_name: dict[str, list[int]] = {}
            for pk, name in self.names.items():
                self._by_name.setdefault(fold(" ".join(name.split())), []).append(pk)
        return self._by_name

    @staticmethod
    def keys(*, name="", siren="", siret="", rna="", commune=None) -> list[tuple[tuple, str]]:
        keys = []
        if siret:
            keys.append((("siret", siret), _("même SIRET")))
        if siren or siret:
            keys.append((("siren", siren or siret[:9]), _("même SIREN")))
        if rna:
            keys.append((("rna", rna), _("même numéro RNA")))
        if name:
            keys.append((("name", fold(" ".join(name.split())), commune or ""), _("même nom dans la même commune")))
        return keys

    def add(self, ref, **values) -> None:
        for key, _reason in self.keys(**values):
            self.by_key.setdefault(key, ref)

    def find(self, **values):
        for key, reason in self.keys(**values):
            if key in self.by_key:
                return self.by_key[key], reason
        return None, ""


class Context:
    """What a scan needs to know about the pole, loaded once."""

    def __init__(self, pole: Pole, kind: str, mapping: dict[str, str]):
        self.pole = pole
        self.kind = kind
        self.mapping = {int(i): name for i, name in mapping.items() if name}
        self.labels = {f.name: str(f.label) for f in fields_for(kind)}
        self.index = Index(pole)
        units = list(pole.territory_units.values_list("kind", "code"))
        self.territory: dict[str, str] = {}
        self.by_name: dict[str, str] = {}
        for code, search_name in communes_in_units(units).values_list("code", "name"):
            self.territory[code] = search_name
            self.by_name.setdefault(fold(search_name), code)
        self.other_communes: dict[str, str | None] = {}
        self.colleges = {fold(c.name): c.pk for c in College.objects.filter(pole=pole)}
        self.channels = {fold(str(label)): value for value, label in Channel.choices} | {
            fold(v): v for v in Channel.values
        }

    def commune(self, text: str) -> str | None:
        """The INSEE code of a commune given by its code or by its name (within the territory)."""
        text = text.strip()
        if not text:
            return None
        if text.isdigit() and len(text) == 4:
            text = "0" + text  # a spreadsheet ate the leading zero of 01…09
        upper = text.upper()
        if len(upper) == 5 and (upper.isdigit() or upper[:2] in ("2A", "2B")):
            if upper in self.territory:
                return upper
            if upper not in self.other_communes:
                self.other_communes[upper] = Commune.objects.filter(pk=upper).values_list("pk", flat=True).first()
            if self.other_communes[upper]:
                return upper
            raise RowError(_("Commune inconnue : aucun code INSEE « %(value)s ».") % {"value": text})
        code = self.by_name.get(fold(text).replace("-", " ").strip()) or self.by_name.get(fold(text).strip())
        if code is None:
            raise RowError(
                _("Commune inconnue « %(value)s » : indiquez son code INSEE ou une commune du territoire du pôle.")
                % {"value": text}
            )
        return code


def _cells(ctx: Context, cells: list[str]) -> dict[str, str]:
    raw: dict[str, str] = {}
    for index, name in ctx.mapping.items():
        value = cells[index].strip() if index < len(cells) else ""
        if value[:1] == "'" and value[1:2] in parsing.FORMULA_PREFIXES:
            raw[name] = value[1:]  # neutralised by our own export: text, not a formula
            continue
        if parsing.is_formula(value):
            raise RowError(
                _("La colonne « %(field)s » contient une formule (%(value)s) : remplacez-la par sa valeur.")
                % {"field": ctx.labels.get(name, name), "value": value[:40]}
            )
        raw[name] = value
    return raw


def prepare(ctx: Context, number: int, cells: list[str]) -> Row:
    row = Row(number=number, cells=cells)
    try:
        raw = _cells(ctx, cells)
        if ctx.kind == ImportKind.CONTACTS:
            row.values = _contact_values(ctx, raw)
        else:
            row.values = _structure_values(ctx, raw)
            _find_duplicate(ctx, row)
    except RowError as error:
        row.error = str(error)
    return row


def _structure_values(ctx: Context, raw: dict[str, str]) -> dict[str, Any]:
    name = " ".join(raw.get("name", "").split())
    if not name:
        raise RowError(_("Nom manquant."))
    values: dict[str, Any] = {"name": name[:200]}
    if raw.get("id"):
        if not raw["id"].isdigit() or int(raw["id"]) not in ctx.index.ids:
            raise RowError(_("Identifiant PEPS « %(value)s » inconnu dans ce pôle.") % {"value": raw["id"]})
        values["id"] = int(raw["id"])
    values["siret"] = parsing.parse_siret(raw.get("siret", ""))
    values["siren"] = parsing.parse_siren(raw.get("siren", "")) or values["siret"][:9]
    if values["siren"] and values["siret"] and not values["siret"].startswith(values["siren"]):
        raise RowError(_("Le SIRET ne commence pas par le SIREN."))
    values["rna"] = parsing.parse_rna(raw.get("rna", ""))
    values["commune"] = ctx.commune(raw.get("commune", ""))
    form = parsing.parse_legal_form(raw.get("legal_form", ""))
    if values["rna"] and not form:
        form = LegalForm.ASSOCIATION
    values["legal_form"] = form
    for name in ("address", "email", "phone", "website", "summary", "contact_name", "naf_code"):
        if raw.get(name):
            values[name] = raw[name]
    if "naf_code" in values:
        values["naf_code"] = values["naf_code"].replace(".", "").upper()[:6] if len(values["naf_code"]) <= 6 else ""
    if raw.get("is_ess"):
        values["is_ess"] = parsing.parse_bool(raw["is_ess"])
    values["founded_on"] = parsing.parse_date(raw.get("founded_on", ""), ctx.labels.get("founded_on", ""))
    if ctx.kind == ImportKind.MEMBERS:
        college = raw.get("college", "")
        if college:
            if fold(college).strip() not in ctx.colleges:
                raise RowError(_("Collège inconnu « %(value)s ».") % {"value": college})
            values["college"] = ctx.colleges[fold(college).strip()]
        values["joined_on"] = parsing.parse_date(raw.get("joined_on", ""), ctx.labels["joined_on"])
        values["fee_year"] = parsing.parse_year(raw.get("fee_year", ""), ctx.labels["fee_year"])
        values["fee_amount"] = parsing.parse_amount(raw.get("fee_amount", ""), ctx.labels["fee_amount"])
        values["fee_paid_on"] = parsing.parse_date(raw.get("fee_paid_on", ""), ctx.labels["fee_paid_on"])
        if values["fee_amount"] is not None and values["fee_year"] is None:
            values["fee_year"] = (values["fee_paid_on"] or values["joined_on"] or _today()).year
    _validate_fields(values)
    return values


def _today():
    from django.utils import timezone

    return timezone.localdate()


def _validate_fields(values: dict[str, Any]) -> None:
    """The model's own field checks (e-mail, web address, lengths), on a throwaway instance."""
    probe = Structure(**{k: v for k, v in values.items() if k in STRUCTURE_MODEL_FIELDS and v not in (None, "")})
    probe.legal_form = values.get("legal_form") or LegalForm.AUTRE
    try:
        probe.clean_fields(exclude=["pole", "slug", "search_text", "commune"])
        probe.clean()
    except ValidationError as error:
        messages = []
        for field_name, errors in error.message_dict.items():
            label = Structure._meta.get_field(field_name).verbose_name if field_name != "__all__" else ""
            messages.append(f"{label} : {' '.join(errors)}" if label else " ".join(errors))
        raise RowError(" ".join(messages)) from None


STRUCTURE_MODEL_FIELDS = {
    "name",
    "legal_form",
    "siren",
    "siret",
    "rna",
    "address",
    "email",
    "phone",
    "website",
    "summary",
    "contact_name",
    "naf_code",
    "is_ess",
    "founded_on",
}


def _find_duplicate(ctx: Context, row: Row) -> None:
    values = row.values
    if "id" in values:
        row.target_id = values["id"]
        return
    found, reason = ctx.index.find(
        name=values["name"],
        siren=values["siren"],
        siret=values["siret"],
        rna=values["rna"],
        commune=values["commune"],
    )
    if found is None:
        ctx.index.add(("row", row.number), **_keys_of(values))
        return
    row.duplicate_reason = reason
    if isinstance(found, tuple):
        row.duplicate_row = found[1]
    else:
        row.duplicate_of = found


def _keys_of(values: dict[str, Any]) -> dict[str, Any]:
    return {k: values.get(k) or "" for k in ("name", "siren", "siret", "rna")} | {"commune": values.get("commune")}


def _contact_values(ctx: Context, raw: dict[str, str]) -> dict[str, Any]:
    values: dict[str, Any] = {}
    values["date"] = parsing.parse_date(raw.get("date", ""), ctx.labels["date"])
    if values["date"] is None:
        raise RowError(_("Date du contact manquante."))
    if values["date"] > _today():
        raise RowError(_("La date du contact est dans le futur."))
    values["topic"] = " ".join(raw.get("topic", "").split())[:200]
    if not values["topic"]:
        raise RowError(_("Sujet manquant."))
    values["person_name"] = " ".join(raw.get("person_name", "").split())[:120]
    siret = parsing.parse_siret(raw.get("siret", ""))
    structure_name = " ".join(raw.get("structure", "").split())
    structure_id = None
    if siret or structure_name:
        commune = ctx.commune(raw.get("commune", "")) if raw.get("commune") else None
        found, _reason = ctx.index.find(siret=siret, name=structure_name, commune=commune)
        if found is None and structure_name and commune is None:
            # Without a commune, a name that is unique in the directory is enough.
            matches = ctx.index.by_name().get(fold(" ".join(structure_name.split())), [])
            found = matches[0] if len(matches) == 1 else None
        if found is None or isinstance(found, tuple):
            raise RowError(
                _("Structure « %(value)s » introuvable dans l’annuaire du pôle : importez-la d’abord.")
                % {"value": structure_name or siret}
            )
        structure_id = found
    if structure_id is None and not values["person_name"]:
        raise RowError(_("Indiquez la structure ou la personne contactée."))
    values["structure"] = structure_id
    channel = fold(raw.get("channel", "")).strip()
    values["channel"] = ctx.channels.get(channel, Channel.OTHER if channel else Channel.MEETING)
    values["notes"] = raw.get("notes", "")
    values["follow_up"] = raw.get("follow_up", "")[:300]
    values["follow_up_on"] = parsing.parse_date(raw.get("follow_up_on", ""), ctx.labels["follow_up_on"])
    return values


def scan(ctx: Context, rows: Iterator[tuple[int, list[str]]]) -> Iterator[Row]:
    for number, cells in rows:
        yield prepare(ctx, number, cells)
