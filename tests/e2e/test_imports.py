"""A coordinator brings the pole's members in from a spreadsheet: downloads the sample file,
uploads it, checks the columns, reads the preview (rows to fix, a duplicate to decide), runs
the import (tasks inline), downloads the rejected rows, then undoes the import. Then the
network administrator loads a SIRENE extract and a coordinator completes a structure from
it. axe checks every page."""

import io
import re
from pathlib import Path

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from peps.core.testing import factories as f
from peps.directory.models import Structure
from peps.imports.models import ImportJob, ImportStatus
from peps.poles.models import TerritoryUnit

DATA = Path(__file__).resolve().parents[2] / "peps" / "imports" / "tests" / "data"


@pytest.fixture(autouse=True)
def _inline_tasks(settings, tmp_path):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.PEPS_PRIVATE_ROOT = str(tmp_path / "private")


@pytest.fixture
def territory(pole):
    departement = f.DepartementFactory(code="42", name="Loire")
    for code, name in [("42187", "Roanne"), ("42184", "Riorges"), ("42127", "Mably")]:
        f.CommuneFactory(code=code, name=name, departement=departement)
        TerritoryUnit.objects.create(pole=pole, kind="commune", code=code)


def test_coordinator_imports_the_sample_members_file_then_undoes_it(journey, pole, coordinator, territory, tmp_path):
    known = f.StructureFactory(pole=pole, name="Ressourcerie du Roannais", legal_form="association", commune_id="42184")
    page = journey.page
    journey.sign_in(coordinator.email)
    journey.visit("/p/pollens/imports/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Imports et exports")

    with page.expect_download() as info:
        page.get_by_role("link", name=re.compile("tableur d’exemple")).click()
    sample = tmp_path / "exemple-adherents.xlsx"
    info.value.save_as(sample)

    page.get_by_label("Le fichier contient").select_option("members")
    page.locator("#id_file").set_input_files(str(sample))
    with journey.navigation():
        page.get_by_role("button", name="Lire le fichier").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Colonnes du fichier")
    expect(page.get_by_label("Nom", exact=True)).to_have_value("name")
    expect(page.get_by_label("SIRET", exact=True)).to_have_value("siret")

    with journey.navigation():
        page.get_by_role("button", name="Voir l’aperçu").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Aperçu de l’import")
    errors = page.get_by_role("table", name="Lignes ignorées et pourquoi")
    expect(errors).to_contain_text("SIRET invalide")
    expect(errors).to_contain_text("Commune inconnue")
    duplicates = page.get_by_role("table", name="Doublons trouvés")
    expect(duplicates).to_contain_text("même nom dans la même commune")
    duplicates.get_by_label("Ignorer la ligne").check()
    assert not Structure.objects.filter(pole=pole).exclude(pk=known.pk).exists()  # nothing written yet

    with journey.navigation():
        page.get_by_role("button", name="Lancer l’import").click()
    status = page.locator("#import-status")
    expect(status).to_contain_text("Terminé")
    job = ImportJob.objects.get(pole=pole)
    assert (job.created_count, job.updated_count, job.skipped_count) == (11, 0, 3)
    assert Structure.objects.filter(pole=pole).count() == 12

    with page.expect_download() as info:
        page.get_by_role("link", name=re.compile("Télécharger les lignes rejetées")).click()
    sheet = load_workbook(io.BytesIO(Path(info.value.path()).read_bytes()), read_only=True).worksheets[0]
    rejected = list(sheet.iter_rows(values_only=True))
    assert len(rejected) == 3 and rejected[0][-1] == "Motif du rejet"

    with journey.navigation():
        page.get_by_role("button", name="Défaire cet import").click()
    expect(page.locator("#import-status")).to_contain_text("Défait")
    job.refresh_from_db()
    assert job.status == ImportStatus.UNDONE
    assert list(Structure.objects.filter(pole=pole)) == [known]


def test_network_admin_loads_sirene_and_a_coordinator_completes_a_structure(
    journey_factory, pole, coordinator, network_admin, territory
):
    admin = journey_factory("admin")
    admin.sign_in(network_admin.email)
    admin.visit("/reseau/registres/")
    for kind, name in [
        ("sirene_etab", "StockEtablissement_extrait.csv"),
        ("sirene_ul", "StockUniteLegale_extrait.csv"),
    ]:
        admin.page.get_by_label("Registre").select_option(kind)
        admin.page.locator("#id_file").set_input_files(str(DATA / name))
        with admin.navigation():
            admin.page.get_by_role("button", name="Charger le fichier").click()
    expect(admin.page.get_by_role("table", name="Chargements récents")).to_contain_text("Terminé")

    structure = f.StructureFactory(pole=pole, name="Ressourcerie", siren="700000011", legal_form="autre")
    journey = journey_factory("coordinator")
    page = journey.page
    journey.sign_in(coordinator.email)
    journey.visit(structure.get_absolute_url())
    with journey.navigation():
        page.get_by_role("link", name=re.compile("Compléter depuis SIRENE")).click()
    expect(page.get_by_label("Code NAF")).to_be_checked()
    with journey.navigation():
        page.get_by_role("button", name="Reprendre les informations cochées").click()
    expect(page.get_by_role("main")).to_contain_text("3832Z")
    structure.refresh_from_db()
    assert (structure.commune_id, structure.legal_form, structure.is_ess) == ("42187", "association", True)

    journey.visit("/p/pollens/imports/ess-a-contacter/")
    row = page.get_by_role("row", name=re.compile("COOPERATIVE ALIMENTAIRE DE MABLY"))
    with journey.navigation():
        row.get_by_role("button").click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert Structure.objects.filter(pole=pole, siren="700000045").exists()
