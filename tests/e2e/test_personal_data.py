"""A member who commented a project and argued in a debate downloads everything the platform
holds about her, then deletes her account: the pages that showed her contributions still work
and sign them « Compte supprimé »."""

import json
import re
import zipfile

import pytest
from playwright.sync_api import expect

from peps.core.testing import factories as f
from peps.deliberation import services as deliberation
from peps.projects import services as projects

COMMENT = "Je peux tenir le stand le samedi matin."
ARGUMENT = "Oui : l’emploi local d’abord."


@pytest.fixture(autouse=True)
def _private_files(settings, tmp_path):
    settings.PEPS_PRIVATE_ROOT = tmp_path / "private"
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


def test_a_person_downloads_her_data_then_deletes_her_account(journey, db, tmp_path):
    pole = f.PoleFactory(slug="pollens", name="POLLENS — Roannais", short_name="POLLENS")
    coordinator = f.member_of(pole, role="coordinator", email="claire@example.org", display_name="Claire")
    nadia = f.member_of(pole, email="nadia@example.org", display_name="Nadia Berthier")
    project = f.ProjectFactory(pole=pole, holder=coordinator, title="Épicerie solidaire", visibility="public")
    projects.comment_add(project=project, author=nadia, text=COMMENT)
    debate = deliberation.debate_open(pole=pole, by=coordinator, title="Faut-il une ressourcerie ?")
    deliberation.argument_post(debate=debate, by=nadia, stance="pro", text=ARGUMENT)

    page = journey.page
    journey.sign_in(nadia.email)
    journey.visit("/profil/")
    with journey.navigation():
        page.get_by_role("link", name="Télécharger mes données").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Télécharger mes données")
    with journey.navigation():
        page.get_by_role("button", name="Préparer mon archive").click()
    link = page.get_by_role("link", name=re.compile("Télécharger mon archive"))
    expect(link).to_be_visible()
    with page.expect_download() as info:
        link.click()
    path = tmp_path / "archive.zip"
    info.value.save_as(path)
    with zipfile.ZipFile(path) as archive:
        data = json.loads(archive.read("donnees.json"))
    assert data["sections"]["compte"]["lignes"][0]["adresse_email"] == nadia.email
    assert data["sections"]["commentaires"]["lignes"][0]["texte"] == COMMENT
    assert data["sections"]["arguments"]["lignes"][0]["texte"] == ARGUMENT

    # The privacy page says what deleting keeps; she goes on to delete her account.
    journey.visit("/confidentialite/")
    with journey.navigation():
        page.get_by_role("link", name="supprimer mon compte").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Supprimer mon compte")
    form = page.locator("main form")
    form.get_by_label("Votre mot de passe").fill("pas-le-bon-mot-de-passe")
    with journey.navigation(status=400):
        form.get_by_role("button", name="Supprimer définitivement mon compte").click()
    expect(page.locator("main")).to_contain_text("Ce mot de passe n’est pas le bon.")
    form = page.locator("main form")
    form.get_by_label("Votre mot de passe").fill(f.PASSWORD)
    with journey.navigation():
        form.get_by_role("button", name="Supprimer définitivement mon compte").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Votre compte est supprimé")
    expect(page.get_by_role("link", name=re.compile("Se connecter|Connexion", re.I)).first).to_be_visible()

    # Her comment and her argument are still there, signed « Compte supprimé ».
    for path, text in ((project.get_absolute_url(), COMMENT), (debate.get_absolute_url(), ARGUMENT)):
        journey.visit(path)
        main = page.locator("main")
        expect(main).to_contain_text(text)
        expect(main).to_contain_text("Compte supprimé")
        expect(main).not_to_contain_text("Nadia Berthier")
    nadia.refresh_from_db()
    assert not nadia.is_active and nadia.email == f"deleted-{nadia.pk}@invalid"
