"""Spreadsheet imports of a pole (structures, members with fees, contacts), what each import
wrote (to undo it), saved column mappings, and the official registers of structures
(SIRENE legal units and establishments, RNA associations) loaded by the network."""

import uuid
from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _


class PrivateStorage(FileSystemStorage):
    """Uploaded files are never served by the web server: a view checks permissions first.
    The location is read from the settings on use, so tests can point it elsewhere."""

    def __init__(self):
        super().__init__(location=None, base_url=None)

    @property
    def base_location(self):
        return str(getattr(settings, "PEPS_PRIVATE_ROOT", None) or Path(settings.VAR_DIR) / "private")

    @property
    def location(self):
        return str(Path(self.base_location).resolve())

    @cached_property
    def base_url(self):
        return None


def private_storage() -> PrivateStorage:
    return PrivateStorage()


def upload_path(job, filename: str) -> str:
    # A random folder: the file name cannot be guessed even if a listing leaked.
    return f"imports/{uuid.uuid4().hex}/{Path(filename).name[-80:]}"


class ImportKind(models.TextChoices):
    STRUCTURES = "structures", _("Structures")
    MEMBERS = "members", _("Structures adhérentes et cotisations")
    CONTACTS = "contacts", _("Contacts")


class ImportStatus(models.TextChoices):
    UPLOADED = "uploaded", _("Fichier déposé")
    QUEUED = "queued", _("En attente")
    RUNNING = "running", _("Import en cours")
    DONE = "done", _("Terminé")
    FAILED = "failed", _("Échec : rien n’a été importé")
    CANCELLED = "cancelled", _("Annulé : rien n’a été importé")
    UNDONE = "undone", _("Défait")


class Decision(models.TextChoices):
    MERGE = "merge", _("Fusionner avec la fiche existante")
    SKIP = "skip", _("Ignorer la ligne")
    CREATE = "create", _("Créer quand même")


class ImportJob(models.Model):
    pole = models.ForeignKey("poles.Pole", on_delete=models.CASCADE, related_name="import_jobs")
    kind = models.CharField(_("contenu"), max_length=12, choices=ImportKind.choices)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    file = models.FileField(upload_to=upload_path, storage=private_storage, max_length=200)
    original_name = models.CharField(_("fichier"), max_length=200)
    # What reading the file found: "csv" or "xlsx", the encoding and the delimiter of a CSV.
    file_format = models.CharField(max_length=4)
    encoding = models.CharField(max_length=12, blank=True)
    delimiter = models.CharField(max_length=1, blank=True)
    headers = models.JSONField(default=list)
    # Column index (as a string) -> field name; unmapped columns are ignored.
    mapping = models.JSONField(default=dict)
    # Row number (as a string) -> Decision, for the rows found to be duplicates.
    decisions = models.JSONField(default=dict)
    status = models.CharField(_("état"), max_length=10, choices=ImportStatus.choices, default=ImportStatus.UPLOADED)
    progress = models.PositiveSmallIntegerField(default=0)
    total_rows = models.PositiveIntegerField(default=0)
    created_count = models.PositiveIntegerField(_("créées"), default=0)
    updated_count = models.PositiveIntegerField(_("mises à jour"), default=0)
    skipped_count = models.PositiveIntegerField(_("ignorées"), default=0)
    error = models.TextField(blank=True)
    # [row number, name, reason] of the skipped rows (the first thousand), for the report.
    skipped_rows = models.JSONField(default=list)
    rejected_file = models.FileField(storage=private_storage, max_length=200, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    undone_at = models.DateTimeField(null=True, blank=True)
    undone_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("import")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["pole", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} — {self.original_name}"

    def get_absolute_url(self) -> str:
        return reverse("imports:detail", kwargs={"pole": self.pole.slug, "pk": self.pk})

    @property
    def is_active(self) -> bool:
        return self.status in (ImportStatus.QUEUED, ImportStatus.RUNNING)

    @property
    def folder(self) -> Path:
        """Where the worker writes progress and the page writes a cancel request: outside
        the database, because the import's own transaction keeps its writes unseen until the end."""
        return Path(private_storage().location) / "imports" / "jobs" / str(self.pk)


class ImportRecord(models.Model):
    """One row written by an import: enough to undo it and to tell whether it changed since."""

    class Action(models.TextChoices):
        CREATED = "created", _("créée")
        UPDATED = "updated", _("mise à jour")

    job = models.ForeignKey(ImportJob, on_delete=models.CASCADE, related_name="records")
    model = models.CharField(max_length=20)  # "structure", "membership", "fee", "contact"
    object_id = models.PositiveIntegerField()
    action = models.CharField(max_length=8, choices=Action.choices)
    # Values of the fields the import wrote, before and after, as strings.
    before = models.JSONField(default=dict)
    after = models.JSONField(default=dict)

    class Meta:
        indexes = [models.Index(fields=["job", "model"]), models.Index(fields=["model", "object_id"])]


class SavedMapping(models.Model):
    """The columns → fields choice of the last import of a kind, offered next time."""

    pole = models.ForeignKey("poles.Pole", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=12, choices=ImportKind.choices)
    # Folded column name -> field name.
    columns = models.JSONField(default=dict)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["pole", "kind"], name="unique_saved_mapping")]


# --- The official registers, shared by every pole (loaded by the network administration).


class RegisterKind(models.TextChoices):
    SIRENE_UNITS = "sirene_ul", _("SIRENE — unités légales")
    SIRENE_ESTABLISHMENTS = "sirene_etab", _("SIRENE — établissements")
    RNA = "rna", _("RNA — associations")


class RegisterLoad(models.Model):
    kind = models.CharField(_("fichier"), max_length=12, choices=RegisterKind.choices)
    file = models.FileField(upload_to=upload_path, storage=private_storage, max_length=200, blank=True)
    original_name = models.CharField(max_length=200)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    status = models.CharField(max_length=10, choices=ImportStatus.choices, default=ImportStatus.QUEUED)
    rows_read = models.PositiveIntegerField(_("lignes lues"), default=0)
    rows_kept = models.PositiveIntegerField(_("lignes retenues"), default=0)
    error = models.TextField(blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]


class RegisterUnit(models.Model):
    """A SIRENE legal unit (unité légale) that has an establishment on a pole's territory."""

    siren = models.CharField(max_length=9, primary_key=True)
    name = models.CharField(max_length=200)
    legal_category = models.CharField(max_length=4, blank=True)
    naf_code = models.CharField(max_length=6, blank=True)
    is_ess = models.BooleanField(null=True)
    rna = models.CharField(max_length=10, blank=True)
    founded_on = models.DateField(null=True)
    active = models.BooleanField(default=True)

    class Meta:
        indexes = [models.Index(fields=["is_ess"])]


class RegisterEstablishment(models.Model):
    """A SIRENE establishment on a pole's territory (the only file with the address)."""

    siret = models.CharField(max_length=14, primary_key=True)
    siren = models.CharField(max_length=9, db_index=True)
    commune_code = models.CharField(max_length=5, db_index=True)
    address = models.CharField(max_length=240, blank=True)
    is_head_office = models.BooleanField(default=False)
    active = models.BooleanField(default=True)


class RegisterAssociation(models.Model):
    """An association of the RNA on a pole's territory."""

    rna = models.CharField(max_length=10, primary_key=True)
    siret = models.CharField(max_length=14, blank=True)
    name = models.CharField(max_length=250)
    commune_code = models.CharField(max_length=5, db_index=True)
    address = models.CharField(max_length=240, blank=True)
    founded_on = models.DateField(null=True)
    active = models.BooleanField(default=True)
