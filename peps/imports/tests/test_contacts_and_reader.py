"""Importing the contact log, and reading the kinds of files people have: encodings,
delimiters, Excel workbooks, formulas."""

import datetime
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from peps.activity.models import Contact
from peps.core.testing import factories as f
from peps.imports import reader, services
from peps.imports.models import ImportKind, ImportStatus

from .conftest import csv_upload


def run(job, capture):
    services.import_set_mapping(job=job, mapping=job.mapping)
    with capture(execute=True):
        services.import_start(job=job, by=job.created_by, decisions={})
    job.refresh_from_db()
    return job


def test_contacts_are_imported_and_linked_to_their_structure(
    pole, coordinator, territory, django_capture_on_commit_callbacks
):
    structure = f.StructureFactory(pole=pole, name="Théâtre des Pentes", commune=territory[0])
    rows = [
        ["Date", "Structure", "Commune", "Personne", "Moyen", "Sujet", "Suite à donner"],
        ["12/03/2025", "theatre des pentes", "Roanne", "Élise Martin", "Téléphone", "Saison 2025", "Rappeler"],
        ["13/03/2025", "", "", "Paul Durand", "", "Porteur de projet", ""],
        ["14/03/2025", "Inconnue", "", "", "", "Sujet", ""],
        ["", "", "", "Sans date", "", "Sujet", ""],
    ]
    job = services.import_upload(pole=pole, by=coordinator, kind=ImportKind.CONTACTS, upload=csv_upload(rows))
    job = run(job, django_capture_on_commit_callbacks)
    assert job.status == ImportStatus.DONE, job.error
    assert (job.created_count, job.skipped_count) == (2, 2)
    first = Contact.objects.get(topic="Saison 2025")
    assert (first.structure, first.channel, first.date) == (structure, "phone", datetime.date(2025, 3, 12))
    assert first.person_key == "elise martin"
    reasons = [reason for _n, _label, reason in job.skipped_rows]
    assert "introuvable" in reasons[0] and "Date du contact manquante" in reasons[1]
    services.import_undo(job=job, by=coordinator)
    assert not Contact.objects.filter(pole=pole).exists()


def test_windows_1252_with_commas(pole, coordinator, territory):
    upload = csv_upload([["Nom", "Commune"], ["Théâtre", "Riorges"]], encoding="cp1252", delimiter=",")
    job = services.import_upload(pole=pole, by=coordinator, kind=ImportKind.STRUCTURES, upload=upload)
    assert (job.encoding, job.delimiter, job.headers) == ("cp1252", ",", ["Nom", "Commune"])
    services.import_set_mapping(job=job, mapping=job.mapping)
    row = services.preview(job)["first"][0]
    assert (row.values["name"], row.values["commune"]) == ("Théâtre", "42184")


def test_an_xlsx_workbook_with_dates_numbers_and_a_formula(pole, coordinator, territory):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Nom", "Commune", "Date de création"])
    sheet.append(["Atelier", 42127, datetime.datetime(2019, 4, 2)])
    sheet.append(['=A2&"bis"', "42187", None])
    buffer = io.BytesIO()
    workbook.save(buffer)
    upload = SimpleUploadedFile("classeur.xlsx", buffer.getvalue())
    job = services.import_upload(pole=pole, by=coordinator, kind=ImportKind.STRUCTURES, upload=upload)
    services.import_set_mapping(job=job, mapping=job.mapping)
    preview = services.preview(job)
    assert preview["first"][0].values["commune"] == "42127"
    assert preview["first"][0].values["founded_on"] == datetime.date(2019, 4, 2)
    assert "formule" in preview["errors"][0].error


def test_rows_stream_without_reading_the_whole_file():
    lines = ("Nom;Commune\n" + "".join(f"Structure {i};42187\n" for i in range(5000))).encode()
    handle = io.BytesIO(lines)
    sniffed = reader.sniff(handle, "f.csv")
    rows = reader.data_rows(handle, sniffed)
    assert next(rows) == (2, ["Structure 0", "42187"])
    assert sum(1 for _ in rows) == 4999
