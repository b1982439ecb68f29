"""Writes on people's accounts: the profile, kept searchable; the personal data archive
(built in the background); the erasure of an account, anonymised in place."""

import datetime
import json
import logging
import os
import shutil
import zipfile
from pathlib import Path

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone

from peps.core.text import build_search_text

from . import personal_data
from .models import ExportStatus, PersonalDataExport, User

logger = logging.getLogger("peps.accounts")

PROFILE_FIELDS = [
    "display_name",
    "first_name",
    "last_name",
    "commune",
    "skills",
    "offer",
    "bio",
    "phone",
    "profile_visibility",
    "email_visibility",
    "phone_visibility",
]


def user_search_text(user: User) -> str:
    commune = user.commune.name if user.commune_id and user.commune else ""
    return build_search_text(user.display_name, user.skills, user.offer, commune)


def user_update_profile(*, user: User, **values) -> User:
    """Change the profile fields given and refresh the folded text people are found by."""
    unknown = set(values) - set(PROFILE_FIELDS)
    if unknown:
        raise ValueError(f"Not profile fields: {sorted(unknown)}")
    for field, value in values.items():
        setattr(user, field, value)
    user.search_text = user_search_text(user)
    with transaction.atomic():
        user.save(update_fields=[*values, "search_text"])
    return user


# --- Personal data archive ----------------------------------------------------------------------

EXPORT_TTL = datetime.timedelta(hours=48)
# A build that has not finished after this long is taken as lost (worker stopped).
EXPORT_STALE = datetime.timedelta(hours=1)
README = """Archive de vos données personnelles sur PEPS

donnees.json : tout ce que la plateforme enregistre à votre sujet.
  - « sections » : vos données rangées par thème (compte, adhésions, cotisations, projets,
    commentaires, débats, votes à bulletin ouvert, inscriptions, réservations, lettres…) ;
  - « toutes_les_lignes » : chaque ligne de chaque table qui vous concerne, avec le nom
    lisible de la table et de ses colonnes ;
  - « notes » : ce qu'il faut savoir pour lire l'archive (votes secrets, autres personnes).
pieces-jointes/ : les fichiers que vous avez déposés, rangés par table et par numéro de ligne.
"""


def export_root() -> Path:
    """Outside MEDIA_ROOT on purpose: nothing here may ever be served without a check."""
    return Path(getattr(settings, "PEPS_PRIVATE_ROOT", Path(settings.VAR_DIR) / "private")) / "exports"


def export_path(export: PersonalDataExport) -> Path:
    return export_root() / export.file_name


def _remove_files(names: list[str]) -> None:
    for name in names:
        if name:
            (export_root() / name).unlink(missing_ok=True)


def _delete_exports(queryset) -> int:
    names = list(queryset.values_list("file_name", flat=True))
    count, _detail = queryset.delete()
    transaction.on_commit(lambda: _remove_files(names))
    return count


def personal_data_export_request(*, user: User, now: datetime.datetime | None = None) -> PersonalDataExport:
    """Start building a new archive (one at a time per person); earlier archives are deleted."""
    from .tasks import build_personal_data_export_task

    now = now or timezone.now()
    current = PersonalDataExport.objects.filter(user=user).first()
    if current and current.in_progress and now - current.created_at < EXPORT_STALE:
        return current
    with transaction.atomic():
        _delete_exports(PersonalDataExport.objects.filter(user=user))
        export = PersonalDataExport.objects.create(user=user)
    transaction.on_commit(lambda: build_personal_data_export_task.enqueue(export_id=export.pk))
    return export


def _write_archive(path: Path, data: dict, files: list) -> list[str]:
    """Write the ZIP next to its final place, then move it there in one step."""
    missing = []
    partial = path.with_suffix(".part")
    with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("LISEZMOI.txt", README)
        for table, pk, field_file in files:
            name = f"pieces-jointes/{table}/{pk}/{os.path.basename(field_file.name)}"
            try:
                with field_file.open("rb") as source, archive.open(name, "w") as target:
                    shutil.copyfileobj(source, target)
            except (OSError, ValueError):
                missing.append(field_file.name)
        data["fichiers_introuvables"] = missing
        archive.writestr("donnees.json", json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2))
    os.replace(partial, path)
    return missing


def personal_data_export_build(*, export_id: int) -> PersonalDataExport | None:
    """Collect, write the ZIP and mark the archive ready (or failed); reports its progress."""
    export = PersonalDataExport.objects.select_related("user").filter(pk=export_id).first()
    if export is None or export.status != ExportStatus.PENDING:
        return export
    PersonalDataExport.objects.filter(pk=export.pk).update(status=ExportStatus.RUNNING, progress=1)
    total = personal_data.steps() + 1

    def on_step(number: int) -> None:
        PersonalDataExport.objects.filter(pk=export.pk).update(progress=max(1, number * 100 // total))

    try:
        files: list = []
        data = personal_data.collect(export.user, files=files, on_step=on_step)
        export_root().mkdir(parents=True, exist_ok=True)
        name = f"{export.public_id}.zip"
        _write_archive(export_root() / name, data, files)
    except Exception:
        logger.exception("Personal data export %s failed", export.pk)
        PersonalDataExport.objects.filter(pk=export.pk).update(status=ExportStatus.FAILED, finished_at=timezone.now())
    else:
        now = timezone.now()
        PersonalDataExport.objects.filter(pk=export.pk).update(
            status=ExportStatus.READY,
            progress=100,
            file_name=name,
            size=(export_root() / name).stat().st_size,
            finished_at=now,
            expires_at=now + EXPORT_TTL,
        )
    export.refresh_from_db()
    return export


def personal_data_exports_purge(*, now: datetime.datetime | None = None) -> int:
    """Delete expired archives and old failed ones (run by `manage.py purge_personal_exports`)."""
    now = now or timezone.now()
    with transaction.atomic():
        expired = PersonalDataExport.objects.filter(expires_at__lt=now) | PersonalDataExport.objects.filter(
            status=ExportStatus.FAILED, created_at__lt=now - EXPORT_TTL
        )
        return _delete_exports(expired)


# Erasure lives in its own module (its policy is long); callers use accounts.services.
from .erasure import user_erase  # noqa: E402,F401
