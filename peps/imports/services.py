"""Writes of imports: receive a file, choose its columns, run it in one transaction (all
or nothing), cancel it, undo it, and export the directory in the same shape."""

import datetime
import json
import shutil
from collections import Counter
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook

from peps.activity.models import Contact
from peps.core.text import fold
from peps.directory.models import LegalForm, Structure
from peps.directory.services import RESERVED_SLUGS, SLUG_LENGTH
from peps.poles.models import Membership, MembershipEvent, MembershipEventKind, MembershipFee, MembershipStatus, Pole
from peps.poles.selectors import forget_pole_figures
from peps.territory.models import Commune

from . import engine, reader
from .fields import fields_for, saved_columns, suggest
from .models import Decision, ImportJob, ImportKind, ImportRecord, ImportStatus, SavedMapping
from .parsing import neutralise

UNDO_DAYS = 30
PROGRESS_EVERY = 100
FLUSH_EVERY = 1000
# Fields of a structure the import sets itself (the pole, who imports, the slug, the search
# text) or has checked already (the commune, by the engine): not validated again row by row,
# where each foreign key's check was a query.
TRUSTED_FIELDS = ["pole", "created_by", "commune", "slug", "search_text"]
REJECT_REASON_HEADER = "Motif du rejet"


class Cancelled(Exception):
    pass


# --- Receiving the file and choosing its columns.


def import_upload(*, pole: Pole, by, kind: str, upload) -> ImportJob:
    """Keep the uploaded file and read its header; a bad file raises ValidationError."""
    if kind not in ImportKind.values:
        raise ValidationError(_("Choisissez ce que contient le fichier."))
    if upload.size > reader.MAX_BYTES:
        raise ValidationError(_("Le fichier dépasse 50 Mo : découpez-le en plusieurs fichiers."))
    try:
        sniffed = reader.sniff(upload, upload.name)
        headers = reader.read_header(upload, sniffed)
    except reader.FileProblem as problem:
        raise ValidationError(str(problem)) from None
    saved = SavedMapping.objects.filter(pole=pole, kind=kind).values_list("columns", flat=True).first()
    mapping = suggest(kind, headers, saved)
    upload.seek(0)
    job = ImportJob(
        pole=pole,
        kind=kind,
        created_by=by,
        original_name=upload.name[:200],
        file_format=sniffed.file_format,
        encoding=sniffed.encoding,
        delimiter=sniffed.delimiter,
        headers=headers,
        mapping=mapping,
    )
    job.file.save(upload.name, upload, save=False)
    job.save()
    return job


def import_set_mapping(*, job: ImportJob, mapping: dict[str, str]) -> ImportJob:
    """Keep the columns → fields choice, and remember it for the pole's next file."""
    _require_status(job, ImportStatus.UPLOADED)
    allowed = {f.name for f in fields_for(job.kind)}
    clean = {}
    used = set()
    for index, name in mapping.items():
        if name and name in allowed and index.isdigit() and int(index) < len(job.headers):
            if name in used:
                raise ValidationError(
                    _("Le champ « %(field)s » est choisi pour deux colonnes.") % {"field": _label(job, name)}
                )
            used.add(name)
            clean[index] = name
    missing = [f for f in fields_for(job.kind) if f.required and f.name not in used]
    if missing:
        raise ValidationError(
            _("Aucune colonne ne donne « %(field)s », qui est obligatoire.") % {"field": missing[0].label}
        )
    job.mapping = clean
    job.save(update_fields=["mapping"])
    SavedMapping.objects.update_or_create(
        pole=job.pole, kind=job.kind, defaults={"columns": saved_columns(job.headers, clean)}
    )
    return job


def _label(job: ImportJob, name: str) -> str:
    return next((str(f.label) for f in fields_for(job.kind) if f.name == name), name)


def _require_status(job: ImportJob, *statuses: str) -> None:
    if job.status not in statuses:
        raise ValidationError(
            _("Cet import n’est plus modifiable (%(status)s).") % {"status": job.get_status_display()}
        )


def open_rows(job: ImportJob):
    """The file's data rows, streamed; the caller must close the returned handle."""
    handle = job.file.open("rb")
    sniffed = reader.Sniffed(job.file_format, job.encoding, job.delimiter)
    return handle, reader.data_rows(handle, sniffed)


# --- Starting, running, cancelling.


def import_start(*, job: ImportJob, by, decisions: dict[str, str]) -> ImportJob:
    from .tasks import run_import_task

    _require_status(job, ImportStatus.UPLOADED)
    if not job.mapping:
        raise ValidationError(_("Choisissez d’abord les colonnes à importer."))
    job.decisions = {k: v for k, v in decisions.items() if v in Decision.values}
    job.status, job.progress, job.error = ImportStatus.QUEUED, 0, ""
    job.save(update_fields=["decisions", "status", "progress", "error"])
    shutil.rmtree(job.folder, ignore_errors=True)
    transaction.on_commit(lambda: run_import_task.enqueue(job_id=job.pk))
    return job


def import_cancel(*, job: ImportJob) -> ImportJob:
    """Ask a running import to stop: its transaction is rolled back, nothing stays."""
    if job.status == ImportStatus.QUEUED:
        ImportJob.objects.filter(pk=job.pk, status=ImportStatus.QUEUED).update(status=ImportStatus.CANCELLED)
    elif job.status == ImportStatus.RUNNING:
        job.folder.mkdir(parents=True, exist_ok=True)
        (job.folder / "cancel").touch()
    else:
        raise ValidationError(_("Cet import n’est pas en cours."))
    job.refresh_from_db()
    return job


def live_progress(job: ImportJob) -> int:
    """The progress the worker writes beside the job (its database writes are not visible yet)."""
    try:
        return int(json.loads((job.folder / "progress.json").read_text())["progress"])
    except (OSError, ValueError, KeyError):
        return job.progress


def _write_progress(job: ImportJob, done: int) -> None:
    progress = min(99, int(done * 100 / job.total_rows)) if job.total_rows else 0
    job.folder.mkdir(parents=True, exist_ok=True)
    (job.folder / "progress.json").write_text(json.dumps({"progress": progress, "done": done}))
    if (job.folder / "cancel").exists():
        raise Cancelled


def count_rows(job: ImportJob) -> int:
    handle, rows = open_rows(job)
    with handle:
        return sum(1 for _row in rows)


def import_run(*, job_id: int) -> ImportJob | None:
    """The background part: every row in one transaction, then the report."""
    claimed = ImportJob.objects.filter(pk=job_id, status=ImportStatus.QUEUED).update(status=ImportStatus.RUNNING)
    if not claimed:
        return None
    job = ImportJob.objects.select_related("pole", "created_by").get(pk=job_id)
    result = None
    try:
        job.total_rows = count_rows(job)
        with transaction.atomic():
            result = _Run(job).run()
    except Cancelled:
        job.status, job.error = ImportStatus.CANCELLED, ""
    except reader.FileProblem as problem:
        job.status, job.error = ImportStatus.FAILED, str(problem)
    except Exception as error:  # noqa: BLE001 - any failure rolls back and is shown, never half-imported
        job.status, job.error = ImportStatus.FAILED, _("Erreur inattendue : %(error)s") % {"error": error}
    else:
        job.status = ImportStatus.DONE
    if result is not None and job.status == ImportStatus.DONE:
        job.created_count, job.updated_count, job.skipped_count = result.created, result.updated, result.skipped
        job.skipped_rows = result.skipped_rows
        if result.rejected_rows:
            job.rejected_file.save(f"rejets-{job.pk}.xlsx", ContentFile(result.rejected_bytes()), save=False)
    job.progress = 100 if job.status == ImportStatus.DONE else 0
    job.finished_at = timezone.now()
    job.save()
    shutil.rmtree(job.folder, ignore_errors=True)
    forget_pole_figures(job.pole_id)
    return job


class _Run:
    """One import's state while it runs: the rows it wrote, the rows it rejected."""

    def __init__(self, job: ImportJob):
        self.job = job
        self.pole = job.pole
        self.by = job.created_by
        self.ctx = engine.Context(job.pole, job.kind, job.mapping)
        self.created = self.updated = self.skipped = 0
        self.skipped_rows: list[list] = []
        # Written as they come (openpyxl's write-only mode spools rows to a temporary file).
        self.rejected_book: Workbook | None = None
        self.rejected_rows = 0
        self.row_structure: dict[int, int] = {}  # row number -> structure pk written for it
        self.slugs = set(Structure.objects.filter(pole=self.pole).values_list("slug", flat=True)) | RESERVED_SLUGS
        self.memberships: dict[int, Membership] = {}
        self.communes: dict[str, Commune | None] = {}
        # The undo records and membership events of the rows written, inserted in bulk (the
        # whole import is one transaction, so they commit with the rows or not at all); a
        # row's own are kept only once its savepoint is released.
        self.pending: list[ImportRecord | MembershipEvent] = []
        self.row_pending: list[ImportRecord | MembershipEvent] = []
        self.now = timezone.now()

    def run(self) -> "_Run":
        handle, rows = open_rows(self.job)
        with handle:
            for done, row in enumerate(engine.scan(self.ctx, rows), start=1):
                if done % PROGRESS_EVERY == 0:
                    _write_progress(self.job, done)
                self.one(row)
        self.flush()
        _write_progress(self.job, self.job.total_rows)
        return self

    def flush(self) -> None:
        ImportRecord.objects.bulk_create([o for o in self.pending if isinstance(o, ImportRecord)])
        MembershipEvent.objects.bulk_create([o for o in self.pending if isinstance(o, MembershipEvent)])
        self.pending = []

    def keep_row(self) -> None:
        self.pending += self.row_pending
        self.row_pending = []
        if len(self.pending) >= FLUSH_EVERY:
            self.flush()

    def skip(self, row: engine.Row, reason: str, *, reject: bool) -> None:
        self.skipped += 1
        if len(self.skipped_rows) < 1000:
            self.skipped_rows.append([row.number, row.label, reason])
        if reject:
            if self.rejected_book is None:
                self.rejected_book = Workbook(write_only=True)
                self.rejected_sheet = self.rejected_book.create_sheet(_("Lignes rejetées"))
                self.rejected_sheet.append([neutralise(c) for c in [*self.job.headers, REJECT_REASON_HEADER]])
            cells = row.cells[: len(self.job.headers)]
            cells += [""] * (len(self.job.headers) - len(cells))
            self.rejected_sheet.append([neutralise(c) for c in [*cells, reason]])
            self.rejected_rows += 1

    def one(self, row: engine.Row) -> None:
        self.row_pending = []
        if row.error:
            self.skip(row, row.error, reject=True)
            return
        if self.job.kind == ImportKind.CONTACTS:
            self.contact(row)
            self.keep_row()
            return
        target = row.target_id
        if row.duplicate_of or row.duplicate_row:
            decision = self.job.decisions.get(str(row.number), Decision.MERGE)
            if decision == Decision.SKIP:
                self.skip(row, _("Doublon ignoré (%(reason)s).") % {"reason": row.duplicate_reason}, reject=False)
                return
            if decision == Decision.MERGE:
                target = row.duplicate_of or self.row_structure.get(row.duplicate_row or 0)
        counts = self.created, self.updated
        try:
            with transaction.atomic():
                structure = self.structure(row, target)
                if self.job.kind == ImportKind.MEMBERS:
                    self.membership(row, structure, new=not target)
        except ValidationError as error:
            self.created, self.updated = counts  # the row's writes were rolled back
            self.skip(row, " ".join(error.messages), reject=True)
            return
        self.keep_row()
        self.row_structure[row.number] = structure.pk

    def record(self, model: str, pk: int, action: str, before: dict, after: dict) -> None:
        self.row_pending.append(
            ImportRecord(job=self.job, model=model, object_id=pk, action=action, before=before, after=after)
        )

    def event(self, membership: Membership, kind: str, note: str) -> None:
        self.row_pending.append(MembershipEvent(membership=membership, kind=kind, by=self.by, note=note))

    def structure(self, row: engine.Row, target: int | None) -> Structure:
        values = {k: v for k, v in row.values.items() if k in engine.STRUCTURE_MODEL_FIELDS}
        commune = row.values.get("commune")
        if target:
            structure = Structure.objects.get(pk=target, pole=self.pole)
            before, after = {}, {}
            for name, value in values.items():
                if value in (None, "") or (name == "legal_form" and value == LegalForm.AUTRE and structure.legal_form):
                    continue  # an empty cell never erases what the directory knows
                if getattr(structure, name) != value:
                    before[name], after[name] = _dump(getattr(structure, name)), _dump(value)
                    setattr(structure, name, value)
            if commune and structure.commune_id != commune:
                before["commune"], after["commune"] = structure.commune_id, commune
                structure.commune = self.commune(commune)
            if before:
                structure.full_clean(exclude=TRUSTED_FIELDS, validate_unique=False, validate_constraints=False)
                structure.refresh_search_text()
                structure.save()
                self.record("structure", structure.pk, ImportRecord.Action.UPDATED, before, after)
                self.updated += 1
            return structure
        structure = Structure(pole=self.pole, created_by=self.by, commune=self.commune(commune))
        for name, value in values.items():
            if value not in (None, ""):
                setattr(structure, name, value)
        structure.legal_form = structure.legal_form or LegalForm.AUTRE
        structure.slug = self.slug(structure.name)
        structure.full_clean(exclude=TRUSTED_FIELDS, validate_unique=False, validate_constraints=False)
        structure.refresh_search_text()
        structure.save()
        self.slugs.add(structure.slug)
        self.record("structure", structure.pk, ImportRecord.Action.CREATED, {}, {})
        self.created += 1
        return structure

    def commune(self, code: str | None) -> Commune | None:
        """The commune of a row (its code checked by the engine), read once per import: the
        search text names it, and a row-by-row read was one query per row."""
        if not code:
            return None
        if code not in self.communes:
            self.communes[code] = Commune.objects.filter(pk=code).first()
        return self.communes[code]

    def slug(self, name: str) -> str:
        from django.utils.text import slugify

        base = slugify(name)[:SLUG_LENGTH].strip("-") or "structure"
        candidate, n = base, 1
        while candidate in self.slugs:
            n += 1
            candidate = f"{base}-{n}"
        return candidate

    def membership(self, row: engine.Row, structure: Structure, *, new: bool) -> None:
        values = row.values
        # A structure this row created has no membership nor fee yet: nothing to look up.
        membership = None if new else Membership.objects.filter(pole=self.pole, structure=structure).first()
        if membership is None:
            membership = Membership.objects.create(
                pole=self.pole,
                structure=structure,
                college_id=values.get("college"),
                status=MembershipStatus.ACTIVE,
                joined_on=values.get("joined_on") or timezone.localdate(),
            )
            self.event(membership, MembershipEventKind.ADDED, _("Import d’un tableur"))
            self.record("membership", membership.pk, ImportRecord.Action.CREATED, {}, _membership_state(membership))
        else:
            before, after = {}, {}
            for name, attr in (("college", "college_id"), ("joined_on", "joined_on")):
                if values.get(name) and getattr(membership, attr) != values[name]:
                    before[attr], after[attr] = _dump(getattr(membership, attr)), _dump(values[name])
                    setattr(membership, attr, values[name])
            if before:
                membership.save(update_fields=[k for k in before])
                self.record("membership", membership.pk, ImportRecord.Action.UPDATED, before, after)
        if values.get("fee_amount") is None or values.get("fee_year") is None:
            return
        fee = None if new else MembershipFee.objects.filter(membership=membership, year=values["fee_year"]).first()
        state = {"amount": _dump(values["fee_amount"]), "paid_on": _dump(values.get("fee_paid_on"))}
        if fee is None:
            fee = MembershipFee.objects.create(
                membership=membership,
                year=values["fee_year"],
                amount=values["fee_amount"],
                paid_on=values.get("fee_paid_on"),
            )
            self.event(membership, MembershipEventKind.FEE, f"{fee.year} : {fee.amount} €")
            self.record("fee", fee.pk, ImportRecord.Action.CREATED, {}, state)
        elif fee.amount != values["fee_amount"] or (values.get("fee_paid_on") and fee.paid_on != values["fee_paid_on"]):
            before = {"amount": _dump(fee.amount), "paid_on": _dump(fee.paid_on)}
            fee.amount = values["fee_amount"]
            fee.paid_on = values.get("fee_paid_on") or fee.paid_on
            fee.save(update_fields=["amount", "paid_on"])
            self.record("fee", fee.pk, ImportRecord.Action.UPDATED, before, _fee_state(fee))

    def contact(self, row: engine.Row) -> None:
        values = row.values
        contact = Contact(
            pole=self.pole,
            recorded_by=self.by,
            structure_id=values["structure"],
            date=values["date"],
            person_name=values["person_name"],
            person_key=fold(values["person_name"])[:120],
            channel=values["channel"],
            topic=values["topic"],
            notes=values["notes"],
            follow_up=values["follow_up"],
            follow_up_on=values["follow_up_on"],
        )
        contact.save()
        self.record("contact", contact.pk, ImportRecord.Action.CREATED, {}, {})
        self.created += 1

    def rejected_bytes(self) -> bytes:
        import io

        assert self.rejected_book is not None  # only called when a row was rejected
        buffer = io.BytesIO()
        self.rejected_book.save(buffer)
        return buffer.getvalue()


def _dump(value) -> Any:
    if value is None or isinstance(value, (bool, int, str)):
        return value
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    return str(value)


def _membership_state(membership: Membership) -> dict:
    return {"college_id": membership.college_id, "joined_on": _dump(membership.joined_on)}


def _fee_state(fee: MembershipFee) -> dict:
    return {"amount": _dump(fee.amount), "paid_on": _dump(fee.paid_on)}


# --- Undo.


def undo_blockers(job: ImportJob) -> list[str]:
    """Why the import cannot be undone, if it cannot: too old, or rows changed since."""
    if job.status != ImportStatus.DONE:
        return [_("Seul un import terminé peut être défait.")]
    if job.finished_at and timezone.now() - job.finished_at > datetime.timedelta(days=UNDO_DAYS):
        return [_("Un import se défait pendant %(days)s jours ; celui-ci est plus ancien.") % {"days": UNDO_DAYS}]
    finished = job.finished_at or timezone.now()
    reasons: list[str] = []
    records = list(job.records.all())
    by_model: dict[str, list[ImportRecord]] = {}
    for record in records:
        by_model.setdefault(record.model, []).append(record)
    structures = {
        s.pk: s for s in Structure.objects.filter(pk__in=[r.object_id for r in by_model.get("structure", [])])
    }
    for record in by_model.get("structure", []):
        structure = structures.get(record.object_id)
        if structure is None:
            continue
        changed = structure.updated_at > finished or any(
            _dump(getattr(structure, "commune_id" if k == "commune" else k)) != v for k, v in record.after.items()
        )
        if changed:
            reasons.append(_("« %(name)s » a été modifiée depuis l’import.") % {"name": structure.name})
    created_structures = [r.object_id for r in by_model.get("structure", []) if r.action == ImportRecord.Action.CREATED]
    ours = {(r.model, r.object_id) for r in records}
    later_contacts = Contact.objects.filter(structure_id__in=created_structures).values_list("pk", "structure__name")
    for pk, name in later_contacts:
        if ("contact", pk) not in ours:
            reasons.append(_("« %(name)s » a reçu un contact depuis l’import.") % {"name": name})
    for record in by_model.get("membership", []):
        membership = Membership.objects.filter(pk=record.object_id).first()
        state = _membership_state(membership) if membership is not None else {}
        if membership is not None and any(state.get(k) != v for k, v in record.after.items()):
            reasons.append(_("Une adhésion importée a été modifiée depuis l’import."))
    for record in by_model.get("fee", []):
        fee = MembershipFee.objects.filter(pk=record.object_id).first()
        if fee is not None and _fee_state(fee) != record.after:
            reasons.append(_("Une cotisation importée a été modifiée depuis l’import."))
    contacts = {c.pk: c for c in Contact.objects.filter(pk__in=[r.object_id for r in by_model.get("contact", [])])}
    for record in by_model.get("contact", []):
        contact = contacts.get(record.object_id)
        if contact is not None and contact.updated_at > finished:
            reasons.append(
                _("Un contact importé (« %(topic)s ») a été modifié depuis l’import.") % {"topic": contact.topic}
            )
    return reasons[:50]


def import_undo(*, job: ImportJob, by) -> ImportJob:
    """Put every row back as it was before the import, in one transaction."""
    from django.db.models import ProtectedError

    with transaction.atomic():
        job = ImportJob.objects.select_for_update().get(pk=job.pk)
        blockers = undo_blockers(job)
        if blockers:
            raise ValidationError(blockers)
        records = list(job.records.order_by("-pk"))
        try:
            for record in records:
                _undo_record(record)
        except ProtectedError:
            raise ValidationError(
                _("Des fiches importées sont utilisées ailleurs depuis l’import (projets, partenariats…).")
            ) from None
        job.status, job.undone_at, job.undone_by = ImportStatus.UNDONE, timezone.now(), by
        job.save(update_fields=["status", "undone_at", "undone_by"])
    forget_pole_figures(job.pole_id)
    return job


MODELS: dict[str, Any] = {"structure": Structure, "membership": Membership, "fee": MembershipFee, "contact": Contact}


def _undo_record(record: ImportRecord) -> None:
    model = MODELS[record.model]
    if record.action == ImportRecord.Action.CREATED:
        model.objects.filter(pk=record.object_id).delete()
        return
    obj = model.objects.filter(pk=record.object_id).first()
    if obj is None:
        return
    for name, value in record.before.items():
        attr = "commune_id" if name == "commune" else name
        field: Any = model._meta.get_field(attr[:-3] if attr.endswith("_id") else attr)
        setattr(obj, attr, field.to_python(value) if value is not None else None)
    if isinstance(obj, Structure):
        obj.refresh_search_text()
    obj.save()


# --- Preview counts (the selector-like read used by the preview page).


def preview(job: ImportJob, *, sample: int = 20, duplicates_shown: int = 300, errors_shown: int = 200) -> dict:
    """Scan the whole file as the import will, keeping what the page shows."""
    ctx = engine.Context(job.pole, job.kind, job.mapping)
    counts: Counter = Counter()
    first: list[engine.Row] = []
    errors: list[engine.Row] = []
    duplicates: list[engine.Row] = []
    names = (
        dict(Structure.objects.filter(pole=job.pole).values_list("pk", "name"))
        if job.kind != ImportKind.CONTACTS
        else {}
    )
    handle, rows = open_rows(job)
    with handle:
        for row in engine.scan(ctx, rows):
            counts["total"] += 1
            if row.error:
                counts["errors"] += 1
                if len(errors) < errors_shown:
                    errors.append(row)
            elif row.duplicate_of or row.duplicate_row:
                counts["duplicates"] += 1
                if len(duplicates) < duplicates_shown:
                    row.duplicate_name = names.get(row.duplicate_of or 0, "")
                    duplicates.append(row)
            else:
                counts["updates" if row.target_id else "new"] += 1
                if len(first) < sample:
                    first.append(row)
    job.total_rows = counts["total"]
    job.save(update_fields=["total_rows"])
    return {"counts": counts, "first": first, "errors": errors, "duplicates": duplicates}
