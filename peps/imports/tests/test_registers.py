"""The official registers: loading the SIRENE and RNA files (official column layouts,
real commune codes), completing a structure from them, and the ESS structures to contact."""

from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from peps.core.testing import factories as f
from peps.directory.models import Structure
from peps.imports import registers
from peps.imports.models import RegisterAssociation, RegisterEstablishment, RegisterKind, RegisterLoad, RegisterUnit

DATA = Path(__file__).parent / "data"
FILES = {
    RegisterKind.SIRENE_ESTABLISHMENTS: "StockEtablissement_extrait.csv",
    RegisterKind.SIRENE_UNITS: "StockUniteLegale_extrait.csv",
    RegisterKind.RNA: "rna_waldec_extrait.csv",
}


def load(kind):
    return registers.load_register_path(kind=kind, path=DATA / FILES[kind])


@pytest.fixture
def loaded(territory):
    load(RegisterKind.SIRENE_ESTABLISHMENTS)
    load(RegisterKind.SIRENE_UNITS)
    load(RegisterKind.RNA)


def test_only_the_territorys_rows_are_kept(territory):
    assert load(RegisterKind.SIRENE_ESTABLISHMENTS) == (5, 4)  # Lyon is not on a pole's territory
    assert load(RegisterKind.SIRENE_UNITS) == (5, 4)
    assert load(RegisterKind.RNA) == (3, 2)
    unit = RegisterUnit.objects.get(siren="700000011")
    assert (unit.is_ess, unit.legal_category, unit.naf_code, unit.rna) == (True, "9220", "3832Z", "W423001234")
    assert RegisterEstablishment.objects.get(siret="70000001100010").address == "12 rue De La Loire, 42300 Roanne"
    assert RegisterAssociation.objects.get(rna="W423005678").name == "THÉÂTRE DES PENTES"  # read from Windows-1252


def test_loading_twice_updates_instead_of_duplicating(territory):
    load(RegisterKind.SIRENE_ESTABLISHMENTS)
    load(RegisterKind.SIRENE_ESTABLISHMENTS)
    assert RegisterEstablishment.objects.count() == 4


def test_legal_units_need_the_establishments_first(territory):
    with pytest.raises(ValidationError, match="établissements"):
        load(RegisterKind.SIRENE_UNITS)


def test_a_file_of_the_wrong_register_is_refused(territory):
    with pytest.raises(registers.reader.FileProblem, match="Colonnes manquantes"):
        registers.load_register_path(kind=RegisterKind.SIRENE_ESTABLISHMENTS, path=DATA / FILES[RegisterKind.RNA])


def test_complete_a_structure_from_the_registers(client, pole, coordinator, territory, loaded):
    structure = f.StructureFactory(pole=pole, name="Ressourcerie", siren="700000011", legal_form="autre")
    client.force_login(coordinator)
    url = reverse("imports:complete", kwargs={"pole": pole.slug, "slug": structure.slug})
    page = client.get(url).content.decode()
    assert "3832Z" in page and "Roanne" in page
    response = client.post(
        url, {"field": ["naf_code", "is_ess", "address", "commune", "legal_form", "rna", "founded_on"]}
    )
    assert response.status_code == 302
    structure.refresh_from_db()
    assert (structure.naf_code, structure.is_ess, structure.commune_id, structure.rna) == (
        "3832Z",
        True,
        "42187",
        "W423001234",
    )
    assert structure.legal_form == "association" and str(structure.founded_on) == "2009-05-12"
    assert "Compléter depuis SIRENE" in client.get(structure.get_absolute_url()).content.decode()


def test_members_cannot_complete(client, pole, member, territory):
    structure = f.StructureFactory(pole=pole, name="Ressourcerie", siren="700000011")
    client.force_login(member)
    url = reverse("imports:complete", kwargs={"pole": pole.slug, "slug": structure.slug})
    assert client.get(url).status_code == 403
    assert "Compléter depuis SIRENE" not in client.get(structure.get_absolute_url()).content.decode()


def test_ess_structures_not_in_the_directory_to_contact(client, pole, coordinator, territory, loaded):
    f.StructureFactory(pole=pole, name="Scop Bois", siren="700000029")
    client.force_login(coordinator)
    page = client.get(reverse("imports:ess", kwargs={"pole": pole.slug})).content.decode()
    assert "RESSOURCERIE DU ROANNAIS" in page and "COOPERATIVE ALIMENTAIRE DE MABLY" in page
    assert "SCOP BOIS" not in page  # already in the directory
    assert "GARAGE DU CENTRE" not in page  # not ESS
    assert "ATELIER LYONNAIS" not in page  # not on the territory
    response = client.post(reverse("imports:ess_add", kwargs={"pole": pole.slug}), {"siren": "700000045"})
    structure = Structure.objects.get(pole=pole, siren="700000045")
    assert response.url == reverse("activity:add", kwargs={"pole": pole.slug}) + f"?structure={structure.pk}"
    assert (structure.commune_id, structure.legal_form, structure.is_ess) == ("42127", "scic", True)


def test_only_the_network_admin_loads_registers(
    client, coordinator, network_admin, territory, django_capture_on_commit_callbacks
):
    url = reverse("registers:index")
    client.force_login(coordinator)
    assert client.get(url).status_code == 404
    client.force_login(network_admin)
    assert client.get(url).status_code == 200
    upload = SimpleUploadedFile("etab.csv", (DATA / FILES[RegisterKind.SIRENE_ESTABLISHMENTS]).read_bytes())
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"kind": RegisterKind.SIRENE_ESTABLISHMENTS, "file": upload})
    assert response.status_code == 302
    assert RegisterLoad.objects.get().rows_kept == 4
    wrong = SimpleUploadedFile("rna.csv", (DATA / FILES[RegisterKind.RNA]).read_bytes())
    response = client.post(url, {"kind": RegisterKind.SIRENE_UNITS, "file": wrong})
    assert response.status_code == 400 and "Colonnes manquantes" in response.content.decode()
