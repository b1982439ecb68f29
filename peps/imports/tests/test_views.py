"""The import pages: who may open them, the upload → columns → preview → run → report
journey over HTTP, and clear messages for bad files."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from peps.directory.models import Structure
from peps.imports.models import ImportJob, ImportStatus

from .conftest import MEMBER_HEADER, csv_upload, siret_for


def url(pole, name, **kwargs):
    return reverse(f"imports:{name}", kwargs={"pole": pole.slug, **kwargs})


def test_only_the_coordination_opens_the_import_page(client, pole, coordinator, member, outsider):
    client.force_login(member)
    assert client.get(url(pole, "index")).status_code == 403
    client.force_login(outsider)
    assert client.get(url(pole, "index")).status_code == 404
    client.force_login(coordinator)
    assert client.get(url(pole, "index")).status_code == 200


def test_a_coordinator_of_another_pole_cannot_see_an_import(client, pole, other_pole, coordinator, outsider, territory):
    client.force_login(coordinator)
    client.post(url(pole, "index"), {"kind": "structures", "file": csv_upload([["Nom"], ["Atelier"]])})
    job = ImportJob.objects.get()
    client.force_login(outsider)
    assert client.get(url(other_pole, "detail", pk=job.pk)).status_code == 404
    assert client.get(url(pole, "detail", pk=job.pk)).status_code == 404


def test_upload_columns_preview_run_and_report(
    client, pole, coordinator, territory, django_capture_on_commit_callbacks
):
    client.force_login(coordinator)
    rows = [MEMBER_HEADER]
    rows += [[f"Atelier {i}", "Association", siret_for(i), "42187", "", "2025", "30"] for i in range(1, 6)]
    rows += [["Sans SIRET valable", "Association", "12345678901234", "42184", "", "", ""]]
    response = client.post(url(pole, "index"), {"kind": "members", "file": csv_upload(rows, encoding="cp1252")})
    job = ImportJob.objects.get()
    assert response.url == url(pole, "mapping", pk=job.pk)
    page = client.get(response.url)
    assert page.status_code == 200
    form = {f"col_{i}": v for i, v in job.mapping.items()}
    response = client.post(url(pole, "mapping", pk=job.pk), form)
    assert response.url == url(pole, "preview", pk=job.pk)
    page = client.get(response.url)
    assert "SIRET invalide" in page.content.decode()
    assert "Atelier 1" in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url(pole, "preview", pk=job.pk))
    job.refresh_from_db()
    assert job.status == ImportStatus.DONE
    page = client.get(response.url)
    assert "Télécharger les lignes rejetées" in page.content.decode()
    assert Structure.objects.filter(pole=pole).count() == 5
    rejected = client.get(url(pole, "rejected", pk=job.pk))
    sheet = load_workbook(io.BytesIO(b"".join(rejected.streaming_content)), read_only=True).worksheets[0]
    assert len(list(sheet.iter_rows())) == 2
    response = client.post(url(pole, "undo", pk=job.pk))
    assert not Structure.objects.filter(pole=pole).exists()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "vide"),
        ("Nom;Commune\n".encode("utf-16"), "UTF-16"),
        (b"\xd0\xcf\x11\xe0rest", ".xls"),
        (b"12345678901234;42187\n", "ligne d’en-tête"),
        (b"Nom;;Commune\nA;;42187\n", "colonnes sans nom"),
        (b"PK\x03\x04broken", "abîmé"),
    ],
)
def test_bad_files_get_a_clear_message(client, pole, coordinator, content, message):
    client.force_login(coordinator)
    upload = SimpleUploadedFile("f.csv", content)
    response = client.post(url(pole, "index"), {"kind": "structures", "file": upload})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not ImportJob.objects.exists()


def test_unknown_columns_are_listed_and_the_name_is_required(client, pole, coordinator, territory):
    client.force_login(coordinator)
    client.post(
        url(pole, "index"),
        {"kind": "structures", "file": csv_upload([["Raison sociale", "Couleur préférée"], ["A", "bleu"]])},
    )
    job = ImportJob.objects.get()
    assert job.mapping == {"0": "name"}
    page = client.get(url(pole, "mapping", pk=job.pk)).content.decode()
    assert "Couleur préférée" in page
    response = client.post(url(pole, "mapping", pk=job.pk), {"col_0": "", "col_1": ""})
    assert "obligatoire" in response.content.decode()


def test_a_formula_in_a_cell_skips_the_row(client, pole, coordinator, territory):
    client.force_login(coordinator)
    client.post(
        url(pole, "index"),
        {"kind": "structures", "file": csv_upload([["Nom", "Commune"], ['=HYPERLINK("x")', "42187"]])},
    )
    job = ImportJob.objects.get()
    client.post(url(pole, "mapping", pk=job.pk), {"col_0": "name", "col_1": "commune"})
    page = client.get(url(pole, "preview", pk=job.pk)).content.decode()
    assert "contient une formule" in page


def test_the_saved_mapping_is_offered_next_time(client, pole, coordinator, territory):
    client.force_login(coordinator)
    client.post(
        url(pole, "index"), {"kind": "structures", "file": csv_upload([["Intitulé", "Ville"], ["A", "Roanne"]])}
    )
    job = ImportJob.objects.get()
    assert job.mapping == {"1": "commune"}
    client.post(url(pole, "mapping", pk=job.pk), {"col_0": "name", "col_1": "commune"})
    client.post(url(pole, "index"), {"kind": "structures", "file": csv_upload([["Ville", "Intitulé"], ["Mably", "B"]])})
    second = ImportJob.objects.order_by("-pk").first()
    assert second.mapping == {"0": "commune", "1": "name"}


def test_the_sample_file_imports_with_two_rows_to_fix(client, pole, coordinator, territory):
    client.force_login(coordinator)
    response = client.get(url(pole, "sample"))
    upload = SimpleUploadedFile("exemple.xlsx", response.content)
    client.post(url(pole, "index"), {"kind": "members", "file": upload})
    job = ImportJob.objects.get()
    client.post(url(pole, "mapping", pk=job.pk), {f"col_{i}": v for i, v in job.mapping.items()})
    from peps.imports import services

    preview = services.preview(job)
    assert preview["counts"]["new"] == 12
    assert preview["counts"]["errors"] == 2


def test_export_is_for_the_coordination_and_neutralises_formulas(client, pole, coordinator, member, territory):
    from peps.core.testing import factories as f

    f.StructureFactory(pole=pole, name="=1+1", legal_form="association")
    client.force_login(member)
    assert client.get(url(pole, "export", kind="structures")).status_code == 403
    client.force_login(coordinator)
    response = client.get(url(pole, "export", kind="structures"))
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    assert sheet.cell(row=2, column=2).value == "'=1+1"
