"""The coordinator notes a contact from a structure's page, finds it in the contact log as the
structure's first contact, records a grant and reads the funding mix of the year."""

import datetime
import re
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from peps.core.testing import factories as f
from peps.funding.tests.factories import fee


@pytest.mark.slow
def test_coordinator_logs_a_contact_and_records_a_grant(journey, pole, coordinator):
    structure = f.StructureFactory(pole=pole, name="Repair café du Coteau", slug="repair-cafe")
    fee(pole, "1000", year=2025)
    page = journey.page
    journey.sign_in(coordinator.email)

    # From the structure's page, the quick form (htmx) adds the contact without leaving it.
    journey.visit(f"/p/{pole.slug}/annuaire/{structure.slug}/")
    box = page.locator("#structure-contacts")
    expect(box).to_contain_text("Aucun contact noté avec cette structure")
    box.get_by_label("Date").fill(datetime.date.today().isoformat())
    box.get_by_label("Moyen").select_option("phone")
    box.get_by_label("Personne").fill("Bruno Perrin")
    box.get_by_label("Sujet").fill("Présentation du pôle")
    box.get_by_role("button", name="Enregistrer le contact").click()
    expect(page.locator("#structure-contacts")).to_contain_text("Le contact est enregistré")
    expect(page.locator("#structure-contacts")).to_contain_text("premier contact")
    journey.check_a11y()

    # The log lists it, counted as a first contact.
    with journey.navigation():
        page.get_by_role("link", name=re.compile("Tous les contacts avec Repair café")).click()
    row = page.locator("#contact-rows tr").first
    expect(row).to_contain_text("Repair café du Coteau")
    expect(row).to_contain_text("premier contact")
    expect(row).to_contain_text("Bruno Perrin")

    # The log's own quick form, then the edit page and the deletion's confirmation page.
    journey.visit(f"/p/{pole.slug}/contacts/")
    quick = page.locator("#quick-contact")
    quick.get_by_label("Structure").fill("Repair café du Coteau")
    quick.get_by_label("Sujet").fill("Atelier de coworking")
    quick.get_by_role("button", name="Enregistrer le contact").click()
    expect(page.locator("#contact-rows")).to_contain_text("Atelier de coworking")
    journey.check_a11y()
    with journey.navigation():
        page.locator("#contact-rows").get_by_role("link", name=re.compile("Modifier le contact « Atelier")).click()
    with journey.navigation():
        page.get_by_role("button", name="Enregistrer").click()
    with journey.navigation():
        page.locator("#contact-rows").get_by_role("link", name=re.compile("Supprimer le contact « Atelier")).click()
    with journey.navigation():
        page.get_by_role("button", name="Supprimer définitivement").click()
    expect(page.locator("#contact-rows")).not_to_contain_text("Atelier de coworking")

    # Funding: record a grant of the European Social Fund for 2025, typed the French way.
    journey.visit(f"/p/{pole.slug}/financements/")
    journey.visit(f"/p/{pole.slug}/financements/ajouter/?annee=2025")
    page.get_by_label("Année").fill("2025")
    page.get_by_label("Nature").select_option("grant")
    page.get_by_label("Type de financeur").select_option("europe")
    page.get_by_label("Financeur", exact=True).fill("Fonds social européen")
    page.get_by_label("Montant (€)").fill("9 000")
    with journey.navigation():
        page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Financements 2025")
    expect(page.locator("main")).to_contain_text("10\u00a0000,00\u00a0€")
    expect(page.locator("main")).to_contain_text("90\u00a0%")
    expect(page.get_by_role("img", name=re.compile("Répartition des ressources 2025"))).to_be_visible()
    journey.visit(f"/p/{pole.slug}/financements/")
    expect(page.get_by_role("img", name=re.compile("Part de l’argent public"))).to_be_visible()
    assert Decimal("9000") in [line.amount for line in pole.funding_lines.all()]
