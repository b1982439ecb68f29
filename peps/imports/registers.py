"""The official registers: SIRENE stock files (legal units, establishments) and the RNA
associations file, loaded by the network administration and kept only for the communes of
the poles' territories. The directory completes a structure from them, and a pole sees the
ESS structures of its territory that are not in its directory yet."""

import datetime
from collections.abc import Iterator
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from peps.directory.models import LegalForm, Structure
from peps.poles.models import Pole, TerritoryUnit
from peps.territory.selectors import communes_in_units

from . import reader
from .models import (
    ImportStatus,
    RegisterAssociation,
    RegisterEstablishment,
    RegisterKind,
    RegisterLoad,
    RegisterUnit,
)
from .parsing import legal_form_from_category

BATCH = 2000

REQUIRED_COLUMNS = {
    RegisterKind.SIRENE_UNITS: ["siren", "denominationUniteLegale", "categorieJuridiqueUniteLegale"],
    RegisterKind.SIRENE_ESTABLISHMENTS: ["siret", "siren", "codeCommuneEtablissement"],
    RegisterKind.RNA: ["id", "titre", "adrs_codeinsee"],
}
# The columns written by export (and read back): the official layouts, trimmed to what PEPS uses.
UNIT_COLUMNS = [
    "siren",
    "denominationUniteLegale",
    "categorieJuridiqueUniteLegale",
    "activitePrincipaleUniteLegale",
    "economieSocialeSolidaireUniteLegale",
    "identifiantAssociationUniteLegale",
    "dateCreationUniteLegale",
    "etatAdministratifUniteLegale",
]
ESTABLISHMENT_COLUMNS = [
    "siret",
    "siren",
    "etablissementSiege",
    "numeroVoieEtablissement",
    "typeVoieEtablissement",
    "libelleVoieEtablissement",
    "codePostalEtablissement",
    "libelleCommuneEtablissement",
    "codeCommuneEtablissement",
    "etatAdministratifEtablissement",
]
RNA_COLUMNS = [
    "id",
    "siret",
    "date_creat",
    "titre",
    "adrs_numvoie",
    "adrs_typevoie",
    "adrs_libvoie",
    "adrs_codepostal",
    "adrs_libcommune",
    "adrs_codeinsee",
    "position",
]
STREET_TYPES = {
    "RUE": "rue",
    "AV": "avenue",
    "BD": "boulevard",
    "PL": "place",
    "CHE": "chemin",
    "RTE": "route",
    "ALL": "allée",
    "IMP": "impasse",
    "QUA": "quai",
}


def territory_codes() -> set[str]:
    """The communes of every pole's territory: what the registers keep."""
    units = TerritoryUnit.objects.values_list("kind", "code")
    return set(communes_in_units(list(units)).values_list("code", flat=True))


def pole_codes(pole: Pole) -> QuerySet:
    return communes_in_units(list(pole.territory_units.values_list("kind", "code"))).values("code")


def _date(text: str) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(text[:10]) if text else None
    except ValueError:
        return None


def _address(number: str, kind: str, street: str, postcode: str, town: str) -> str:
    kind = STREET_TYPES.get(kind.upper(), kind.lower())
    line = " ".join(p for p in (number, kind, street.lower().title() if street.isupper() else street) if p)
    return ", ".join(
        p for p in (line, " ".join(p for p in (postcode, town.title() if town.isupper() else town) if p)) if p
    )[:240]


def _records(handle, kind: str) -> Iterator[dict[str, str]]:
    sniffed = reader.sniff(handle, "")
    rows = reader.iter_rows(handle, sniffed)
    header = next(rows, None)
    if not header:
        raise reader.FileProblem(_("Le fichier n’a pas de ligne d’en-tête."))
    missing = [c for c in REQUIRED_COLUMNS[kind] if c not in header]
    if missing:
        raise reader.FileProblem(
            _("Colonnes manquantes : %(columns)s. Ce fichier n’est pas « %(kind)s » au format officiel.")
            % {"columns": ", ".join(missing), "kind": RegisterKind(kind).label}
        )
    positions = {name: i for i, name in enumerate(header)}
    for row in rows:
        yield {name: (row[i] if i < len(row) else "") for name, i in positions.items()}


def load_register(*, kind: str, handle, progress=None) -> tuple[int, int]:
    """Read a register file and keep its rows on the poles' territories, in one transaction.
    Returns (rows read, rows kept)."""
    codes = territory_codes()
    read = kept = 0
    batch: list = []
    if kind == RegisterKind.SIRENE_UNITS:
        sirens = set(RegisterEstablishment.objects.values_list("siren", flat=True))
        if not sirens:
            raise ValidationError(
                _(
                    "Chargez d’abord le fichier des établissements : c’est lui qui dit quelles unités légales sont sur le territoire."
                )
            )
    model = {
        RegisterKind.SIRENE_UNITS: RegisterUnit,
        RegisterKind.SIRENE_ESTABLISHMENTS: RegisterEstablishment,
        RegisterKind.RNA: RegisterAssociation,
    }[kind]
    fields = [f.name for f in model._meta.concrete_fields if not f.primary_key]

    def flush():
        model.objects.bulk_create(
            batch, update_conflicts=True, unique_fields=[model._meta.pk.name], update_fields=fields
        )
        batch.clear()

    with transaction.atomic():
        for record in _records(handle, kind):
            read += 1
            obj = _register_row(kind, record, codes, sirens if kind == RegisterKind.SIRENE_UNITS else None)
            if obj is not None:
                batch.append(obj)
                kept += 1
                if len(batch) >= BATCH:
                    flush()
            if progress and read % 10000 == 0:
                progress(read, kept)
        if batch:
            flush()
    return read, kept


def _register_row(kind: str, r: dict[str, str], codes: set[str], sirens: set[str] | None):
    if kind == RegisterKind.SIRENE_ESTABLISHMENTS:
        if r["codeCommuneEtablissement"] not in codes or len(r["siret"]) != 14:
            return None
        return RegisterEstablishment(
            siret=r["siret"],
            siren=r["siren"],
            commune_code=r["codeCommuneEtablissement"],
            address=_address(
                r.get("numeroVoieEtablissement", ""),
                r.get("typeVoieEtablissement", ""),
                r.get("libelleVoieEtablissement", ""),
                r.get("codePostalEtablissement", ""),
                r.get("libelleCommuneEtablissement", ""),
            ),
            is_head_office=r.get("etablissementSiege", "").lower() in ("true", "1", "o", "oui"),
            active=r.get("etatAdministratifEtablissement", "A") != "F",
        )
    if kind == RegisterKind.SIRENE_UNITS:
        if r["siren"] not in sirens:
            return None
        ess = r.get("economieSocialeSolidaireUniteLegale", "")
        return RegisterUnit(
            siren=r["siren"],
            name=(r["denominationUniteLegale"] or r.get("nomUniteLegale", ""))[:200],
            legal_category=r["categorieJuridiqueUniteLegale"][:4],
            naf_code=r.get("activitePrincipaleUniteLegale", "").replace(".", "")[:6],
            is_ess=True if ess == "O" else False if ess == "N" else None,
            rna=r.get("identifiantAssociationUniteLegale", "")[:10],
            founded_on=_date(r.get("dateCreationUniteLegale", "")),
            active=r.get("etatAdministratifUniteLegale", "A") != "C",
        )
    if r["adrs_codeinsee"] not in codes or not r["id"].startswith("W"):
        return None
    return RegisterAssociation(
        rna=r["id"][:10],
        siret=r.get("siret", "")[:14] if len(r.get("siret", "")) == 14 else "",
        name=r["titre"][:250],
        commune_code=r["adrs_codeinsee"],
        address=_address(
            r.get("adrs_numvoie", ""),
            r.get("adrs_typevoie", ""),
            r.get("adrs_libvoie", ""),
            r.get("adrs_codepostal", ""),
            r.get("adrs_libcommune", ""),
        ),
        founded_on=_date(r.get("date_creat", "")),
        active=r.get("position", "A") == "A",
    )


def register_load_create(*, kind: str, upload, by) -> RegisterLoad:
    from .tasks import load_register_task

    if kind not in RegisterKind.values:
        raise ValidationError(_("Choisissez le registre que contient le fichier."))
    if upload.size > reader.MAX_BYTES:
        raise ValidationError(
            _(
                "Le fichier dépasse 50 Mo : extrayez les départements utiles, ou utilisez la commande imports_load_register."
            )
        )
    try:
        next(_records(upload, kind), None)
    except reader.FileProblem as problem:
        raise ValidationError(str(problem)) from None
    upload.seek(0)
    load = RegisterLoad(kind=kind, created_by=by, original_name=upload.name[:200])
    load.file.save(upload.name, upload, save=False)
    load.save()
    transaction.on_commit(lambda: load_register_task.enqueue(load_id=load.pk))
    return load


def register_load_run(*, load_id: int) -> RegisterLoad | None:
    claimed = RegisterLoad.objects.filter(pk=load_id, status=ImportStatus.QUEUED).update(status=ImportStatus.RUNNING)
    if not claimed:
        return None
    load = RegisterLoad.objects.get(pk=load_id)
    try:
        with load.file.open("rb") as handle:
            load.rows_read, load.rows_kept = load_register(kind=load.kind, handle=handle)
    except (reader.FileProblem, ValidationError) as problem:
        load.status, load.error = ImportStatus.FAILED, " ".join(getattr(problem, "messages", [str(problem)]))
    except Exception as error:  # noqa: BLE001 - shown to the administrator; the transaction rolled back
        load.status, load.error = ImportStatus.FAILED, _("Erreur inattendue : %(error)s") % {"error": error}
    else:
        load.status = ImportStatus.DONE
    load.finished_at = timezone.now()
    load.save()
    return load


def load_register_path(*, kind: str, path: Path) -> tuple[int, int]:
    with open(path, "rb") as handle:
        return load_register(kind=kind, handle=handle)


# --- What the registers say about one structure.


def register_facts(structure: Structure) -> dict:
    """Field -> value found in the registers for this structure (empty if nothing matches)."""
    facts: dict = {}
    establishment = None
    if structure.siret:
        establishment = RegisterEstablishment.objects.filter(siret=structure.siret).first()
    siren = structure.siren or (structure.siret[:9] if structure.siret else "")
    if establishment is None and siren:
        establishment = (
            RegisterEstablishment.objects.filter(siren=siren).order_by("-is_head_office", "-active", "siret").first()
        )
    unit = RegisterUnit.objects.filter(siren=siren).first() if siren else None
    rna = structure.rna or (unit.rna if unit else "")
    association = RegisterAssociation.objects.filter(rna=rna).first() if rna else None
    if association:
        facts.update({"rna": association.rna, "address": association.address, "commune": association.commune_code})
        if association.founded_on:
            facts["founded_on"] = association.founded_on
        if association.siret and not structure.siret:
            facts["siret"] = association.siret
        facts["legal_form"] = LegalForm.ASSOCIATION
    if establishment:
        facts.update(
            {"siret": establishment.siret, "address": establishment.address, "commune": establishment.commune_code}
        )
    if unit:
        facts.update({"siren": unit.siren, "legal_category": unit.legal_category, "naf_code": unit.naf_code})
        if unit.is_ess is not None:
            facts["is_ess"] = unit.is_ess
        if unit.founded_on:
            facts["founded_on"] = unit.founded_on
        if unit.rna:
            facts["rna"] = unit.rna
        form = legal_form_from_category(unit.legal_category)
        if form:
            facts["legal_form"] = form
    if facts.get("siren") and facts.get("siret") and not facts["siret"].startswith(facts["siren"]):
        facts.pop("siret")
    return facts


COMPLETABLE = [
    "siren",
    "siret",
    "rna",
    "legal_form",
    "legal_category",
    "naf_code",
    "is_ess",
    "founded_on",
    "address",
    "commune",
]


def completion_rows(structure: Structure, facts: dict) -> list[dict]:
    rows = []
    for name in COMPLETABLE:
        if name not in facts or facts[name] in ("", None):
            continue
        current = getattr(structure, "commune_id" if name == "commune" else name)
        if current == facts[name]:
            continue
        rows.append(
            {
                "name": name,
                "label": Structure._meta.get_field(name).verbose_name,
                "current": current,
                "proposed": facts[name],
                "checked": current in ("", None) or (name == "legal_form" and current == LegalForm.AUTRE),
            }
        )
    return rows


def structure_complete(*, structure: Structure, by, fields: list[str]) -> Structure:
    """Copy the chosen register facts onto the structure."""
    facts = register_facts(structure)
    changed = []
    for name in fields:
        if name in COMPLETABLE and name in facts:
            setattr(structure, "commune_id" if name == "commune" else name, facts[name])
            changed.append(name)
    if not changed:
        raise ValidationError(_("Cochez au moins une information à reprendre."))
    if structure.rna and structure.legal_form != LegalForm.ASSOCIATION:
        structure.rna = "" if "rna" not in fields else structure.rna
        if structure.rna:
            structure.legal_form = LegalForm.ASSOCIATION
    structure.full_clean(exclude=["slug", "search_text"], validate_unique=False, validate_constraints=False)
    with transaction.atomic():
        structure.refresh_search_text(list(structure.sectors.values_list("name", flat=True)))
        structure.save()
    return structure


# --- The territory's ESS structures that the directory does not have yet.


def ess_to_contact(pole: Pole) -> QuerySet[RegisterUnit]:
    on_territory = RegisterEstablishment.objects.filter(commune_code__in=pole_codes(pole), active=True).values("siren")
    known = Structure.objects.filter(pole=pole).exclude(siren="").values("siren")
    return (
        RegisterUnit.objects.filter(is_ess=True, active=True, siren__in=on_territory)
        .exclude(siren__in=known)
        .order_by("name")
    )


def establishments_of(sirens: list[str], pole: Pole) -> dict[str, RegisterEstablishment]:
    """The establishment shown for each legal unit of a page: one query."""
    found: dict[str, RegisterEstablishment] = {}
    rows = RegisterEstablishment.objects.filter(siren__in=sirens, commune_code__in=pole_codes(pole)).order_by(
        "-is_head_office", "siret"
    )
    for establishment in rows:
        found.setdefault(establishment.siren, establishment)
    return found


def structure_from_register(*, pole: Pole, by, siren: str) -> Structure:
    """Add an ESS structure of the territory to the directory, from the registers."""
    from peps.directory.services import unique_slug

    unit = ess_to_contact(pole).filter(siren=siren).first()
    if unit is None:
        raise ValidationError(_("Cette structure est déjà dans l’annuaire ou n’est pas sur le territoire du pôle."))
    structure = Structure(pole=pole, created_by=by, name=unit.name or unit.siren, siren=unit.siren)
    facts = register_facts(structure)
    for name in COMPLETABLE:
        if name in facts:
            setattr(structure, "commune_id" if name == "commune" else name, facts[name])
    structure.legal_form = structure.legal_form or LegalForm.AUTRE
    if structure.rna and structure.legal_form != LegalForm.ASSOCIATION:
        structure.rna = ""
    structure.slug = unique_slug(pole=pole, name=structure.name)
    structure.full_clean(exclude=["slug", "search_text"], validate_unique=False, validate_constraints=False)
    structure.refresh_search_text()
    structure.save()
    return structure
