"""The journey of the issue, as a service test: a 300-row members file with 5 bad rows and
3 duplicates ends with a correct directory and a spreadsheet of the 5 rejected rows."""

import io

import pytest
from django.core.exceptions import ValidationError
from openpyxl import load_workbook

from peps.core.testing import factories as f
from peps.directory.models import Structure
from peps.imports import services
from peps.imports.models import Decision, ImportKind, ImportStatus
from peps.poles.models import Membership, MembershipEvent, MembershipFee

from .conftest import COMMUNES, MEMBER_HEADER, csv_upload, siret_for


def members_rows(n: int = 300) -> list[list[str]]:
    rows = [MEMBER_HEADER]
    for i in range(n):
        code = COMMUNES[i % 3][0]
        rows.append([f"Structure n°{i}", "Association", siret_for(i + 1), code, f"s{i}@exemple.org", "2025", "40"])
    return rows


def run(job, decisions=None, capture=None):
    with capture(execute=True):
        services.import_start(job=job, by=job.created_by, decisions=decisions or {})
    job.refresh_from_db()
    return job


@pytest.fixture
def three_known(pole, territory):
    """Three structures already in the directory, that the file names again."""
    return [
        f.StructureFactory(pole=pole, name="Structure n°10", commune=territory[1], legal_form="association"),
        f.StructureFactory(
            pole=pole, name="Ancien nom", siret=siret_for(21), siren=siret_for(21)[:9], legal_form="association"
        ),
        f.StructureFactory(pole=pole, name="STRUCTURE N°32", commune=territory[2], legal_form="association"),
    ]


def test_300_rows_with_5_bad_rows_and_3_duplicates(pole, coordinator, three_known, django_capture_on_commit_callbacks):
    rows = members_rows()
    rows[5][2] = "12345678901234"  # invalid SIRET
    rows[50][3] = "99999"  # unknown commune
    rows[100][0] = ""  # missing name
    rows[150][3] = "Atlantide"  # unknown commune by name
    rows[200][4] = "pas-un-email"  # invalid e-mail
    job = services.import_upload(pole=pole, by=coordinator, kind=ImportKind.MEMBERS, upload=csv_upload(rows))
    assert job.mapping == {
        str(i): name
        for i, name in enumerate(["name", "legal_form", "siret", "commune", "email", "fee_year", "fee_amount"])
    }
    services.import_set_mapping(job=job, mapping=job.mapping)
    preview = services.preview(job)
    assert preview["counts"]["total"] == 300
    assert preview["counts"]["errors"] == 5
    assert preview["counts"]["duplicates"] == 3
    assert {row.number for row in preview["duplicates"]} == {12, 22, 34}

    job = run(
        job, {"12": Decision.MERGE, "22": Decision.SKIP, "34": Decision.CREATE}, django_capture_on_commit_callbacks
    )

    assert job.status == ImportStatus.DONE, job.error
    assert (job.created_count, job.updated_count, job.skipped_count) == (293, 1, 6)
    assert Structure.objects.filter(pole=pole).count() == 3 + 293
    merged = Structure.objects.get(pk=three_known[0].pk)
    assert merged.siret == siret_for(11) and merged.email == "s10@exemple.org"
    assert Structure.objects.get(pk=three_known[1].pk).name == "Ancien nom"  # skipped
    assert Structure.objects.filter(pole=pole, name__iexact="structure n°32").count() == 2  # created anyway
    assert Membership.objects.filter(pole=pole, structure__isnull=False).count() == 294
    assert MembershipFee.objects.filter(membership__pole=pole, year=2025).count() == 294

    sheet = load_workbook(io.BytesIO(job.rejected_file.read()), read_only=True).worksheets[0]
    rejected = [[c or "" for c in row] for row in sheet.iter_rows(values_only=True)]
    assert rejected[0] == [*MEMBER_HEADER, "Motif du rejet"]
    assert len(rejected) == 6
    assert "SIRET invalide" in rejected[1][-1]
    assert "Commune inconnue" in rejected[2][-1]
    assert "Nom manquant" in rejected[3][-1]


def test_undo_puts_the_directory_back(pole, coordinator, three_known, django_capture_on_commit_callbacks):
    before = list(Structure.objects.filter(pole=pole).values_list("pk", "name", "siret", "email").order_by("pk"))
    job = services.import_upload(
        pole=pole, by=coordinator, kind=ImportKind.MEMBERS, upload=csv_upload(members_rows(40))
    )
    services.import_set_mapping(job=job, mapping=job.mapping)
    job = run(job, capture=django_capture_on_commit_callbacks)
    assert job.updated_count == 3  # rows 10, 21 and 32 merge into the known structures
    services.import_undo(job=job, by=coordinator)
    after = list(Structure.objects.filter(pole=pole).values_list("pk", "name", "siret", "email").order_by("pk"))
    assert after == before
    assert not Membership.objects.filter(pole=pole, structure__isnull=False).exists()
    job.refresh_from_db()
    assert job.status == ImportStatus.UNDONE


def test_undo_is_refused_once_an_imported_row_changed(pole, coordinator, territory, django_capture_on_commit_callbacks):
    job = services.import_upload(pole=pole, by=coordinator, kind=ImportKind.MEMBERS, upload=csv_upload(members_rows(3)))
    services.import_set_mapping(job=job, mapping=job.mapping)
    job = run(job, capture=django_capture_on_commit_callbacks)
    structure = Structure.objects.get(pole=pole, name="Structure n°1")
    structure.summary = "Modifiée à la main"
    structure.save()
    assert services.undo_blockers(job)
    with pytest.raises(ValidationError):
        services.import_undo(job=job, by=coordinator)
    assert Structure.objects.filter(pole=pole).count() == 3


def test_a_cancelled_import_leaves_nothing(
    pole, coordinator, territory, django_capture_on_commit_callbacks, monkeypatch
):
    job = services.import_upload(
        pole=pole, by=coordinator, kind=ImportKind.MEMBERS, upload=csv_upload(members_rows(250))
    )
    services.import_set_mapping(job=job, mapping=job.mapping)
    real = services._write_progress

    def cancel_midway(job, done):
        if done >= 200:
            job.folder.mkdir(parents=True, exist_ok=True)
            (job.folder / "cancel").touch()
        real(job, done)

    monkeypatch.setattr(services, "_write_progress", cancel_midway)
    job = run(job, capture=django_capture_on_commit_callbacks)
    assert job.status == ImportStatus.CANCELLED
    assert not Structure.objects.filter(pole=pole).exists()
    assert not Membership.objects.filter(pole=pole, structure__isnull=False).exists()


def test_a_failure_midway_leaves_nothing(pole, coordinator, territory, django_capture_on_commit_callbacks, monkeypatch):
    job = services.import_upload(
        pole=pole, by=coordinator, kind=ImportKind.MEMBERS, upload=csv_upload(members_rows(150))
    )
    services.import_set_mapping(job=job, mapping=job.mapping)

    def boom(job, done):
        raise RuntimeError("disque plein")

    monkeypatch.setattr(services, "_write_progress", boom)
    job = run(job, capture=django_capture_on_commit_callbacks)
    assert job.status == ImportStatus.FAILED and "disque plein" in job.error
    assert not Structure.objects.filter(pole=pole).exists()


def test_a_row_refused_while_written_leaves_no_record_nor_event(
    pole, coordinator, territory, django_capture_on_commit_callbacks, monkeypatch
):
    """The undo records and membership events are inserted in bulk: those of a row whose
    writing failed (its savepoint rolled back) must go with it."""
    job = services.import_upload(pole=pole, by=coordinator, kind=ImportKind.MEMBERS, upload=csv_upload(members_rows(4)))
    services.import_set_mapping(job=job, mapping=job.mapping)
    real = services._Run.membership

    def refuse_the_third(self, row, structure, *, new):
        real(self, row, structure, new=new)
        if structure.name == "Structure n°2":
            raise ValidationError("Cotisation refusée")

    monkeypatch.setattr(services._Run, "membership", refuse_the_third)
    job = run(job, capture=django_capture_on_commit_callbacks)
    assert (job.status, job.created_count, job.skipped_count) == (ImportStatus.DONE, 3, 1)
    assert sorted(Structure.objects.filter(pole=pole).values_list("name", flat=True)) == [
        "Structure n°0", "Structure n°1", "Structure n°3",
    ]  # fmt: skip
    kept = set(Structure.objects.filter(pole=pole).values_list("pk", flat=True))
    records = job.records.filter(model="structure")
    assert set(records.values_list("object_id", flat=True)) == kept
    assert MembershipEvent.objects.filter(membership__pole=pole).count() == 6  # joined and fee, three times
    services.import_undo(job=job, by=coordinator)
    assert not Structure.objects.filter(pole=pole).exists()


def test_export_then_import_changes_only_what_was_edited(
    pole, coordinator, territory, django_capture_on_commit_callbacks
):
    from peps.imports.export import export_xlsx

    job = services.import_upload(pole=pole, by=coordinator, kind=ImportKind.MEMBERS, upload=csv_upload(members_rows(5)))
    services.import_set_mapping(job=job, mapping=job.mapping)
    run(job, capture=django_capture_on_commit_callbacks)
    before = {s.pk: (s.name, s.siret, s.email, s.commune_id, s.updated_at) for s in Structure.objects.filter(pole=pole)}

    workbook = load_workbook(io.BytesIO(export_xlsx(pole, ImportKind.MEMBERS)))
    sheet = workbook.worksheets[0]
    header = [c.value for c in sheet[1]]
    email_col = header.index("E-mail")
    sheet.cell(row=3, column=email_col + 1, value="nouveau@exemple.org")
    edited_id = int(sheet.cell(row=3, column=1).value)
    buffer = io.BytesIO()
    workbook.save(buffer)
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("export.xlsx", buffer.getvalue())
    job2 = services.import_upload(pole=pole, by=coordinator, kind=ImportKind.MEMBERS, upload=upload)
    assert job2.mapping[str(header.index("Identifiant PEPS"))] == "id"
    services.import_set_mapping(job=job2, mapping=job2.mapping)
    job2 = run(job2, capture=django_capture_on_commit_callbacks)
    assert job2.status == ImportStatus.DONE, job2.error
    assert (job2.created_count, job2.updated_count, job2.skipped_count) == (0, 1, 0)
    for structure in Structure.objects.filter(pole=pole):
        if structure.pk == edited_id:
            assert structure.email == "nouveau@exemple.org"
        else:
            assert (
                structure.name,
                structure.siret,
                structure.email,
                structure.commune_id,
                structure.updated_at,
            ) == before[structure.pk]
