"""A visitor finds the open data and the API docs; a member creates a personal token, uses it,
and revokes it. Every page is checked with axe-core, under the strict CSP."""

import datetime
import re

import requests
from playwright.sync_api import expect

from peps.core.testing import factories as f
from peps.opendata.tests.factories import seed_open_data


def test_visitor_opens_the_data_and_the_api_docs(journey, pole, commune):
    seed_open_data(pole, commune)
    page = journey.page
    journey.visit("/donnees/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Données ouvertes")
    expect(page.get_by_text("Licence Ouverte / Open Licence version 2.0")).to_be_visible()
    page.locator("summary", has_text="Colonnes du jeu « Annuaire des structures »").click()
    expect(page.get_by_role("rowheader", name="forme_juridique", exact=True)).to_be_visible()

    # The CSV the link points to opens with its accents intact.
    href = page.get_by_role("link", name=re.compile("CSV — Annuaire des structures")).get_attribute("href")
    body = requests.get(journey.base_url + href, timeout=10).content
    assert body.startswith(b"\xef\xbb\xbf") and "Épicerie coopérative « L’Étal »" in body.decode("utf-8-sig")

    page.get_by_label("Données de").select_option("pollens")
    with journey.navigation():
        page.get_by_role("button", name="Afficher").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("POLLENS")

    with journey.navigation(check=False):
        page.get_by_role("link", name="API de la plateforme").click()
    # Swagger UI is drawn by script from the package's own files, after it has fetched and
    # read the whole OpenAPI description: more than 5 s on a loaded CI machine.
    expect(page.locator(".opblock").first).to_be_visible(timeout=30_000)
    expect(page.get_by_text("/api/structures").first).to_be_visible()
    journey.check_a11y()


def test_member_creates_uses_and_revokes_a_token(journey, pole, commune):
    member = f.member_of(pole, email="ines.membre@example.org", display_name="Inès")
    seed_open_data(pole, commune, representative=member, holder=member)
    page = journey.page
    journey.sign_in(member.email)
    journey.visit("/api/jetons/")
    page.get_by_label("Nom du jeton").fill("Tableur de l’épicerie")
    with journey.navigation():
        page.get_by_role("button", name="Créer le jeton").click()
    key = page.locator("#new-key").inner_text().strip()
    assert key.startswith("peps_")

    me = requests.get(journey.base_url + "/api/moi", headers={"Authorization": f"Bearer {key}"}, timeout=10)
    assert me.status_code == 200 and me.json()["structures"][0]["nom"] == "Épicerie coopérative « L’Étal »"

    journey.visit("/api/jetons/")
    expect(page.locator("#new-key")).to_have_count(0)
    with journey.navigation():
        page.get_by_role("button", name=re.compile("Révoquer Tableur")).click()
    expect(page.get_by_text(f"Révoqué le {datetime.date.today().day}")).to_be_visible()
    gone = requests.get(journey.base_url + "/api/moi", headers={"Authorization": f"Bearer {key}"}, timeout=10)
    assert gone.status_code == 401
