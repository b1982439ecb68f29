"""A visitor browses the network, a pole and its directory: filters by legal form, searches
without accents, opens a structure's page, and reads it in English then in French."""

import re

from playwright.sync_api import expect

from peps.core.testing import factories as f
from peps.directory.models import LegalForm


def structure(pole, **fields):
    made = f.StructureFactory(pole=pole, **fields)
    made.refresh_search_text()
    made.save(update_fields=["search_text"])
    return made


def test_visitor_browses_filters_and_searches_the_directory(journey, db):
    pole = f.PoleFactory(
        slug="pollens",
        name="POLLENS — Roannais",
        short_name="POLLENS",
        tagline="Pôle local pour une économie nouvelle sociale et solidaire",
        purpose="Fédérer, développer, accompagner et promouvoir l’ESS du Roannais.",
    )
    roanne = f.CommuneFactory(code="42187", name="Roanne", search_name="roanne")
    structure(
        pole,
        name="Épicerie solidaire du Coteau",
        slug="epicerie-solidaire",
        commune=roanne,
        summary="Des produits locaux à prix justes.",
        legal_form=LegalForm.ASSOCIATION,
    )
    structure(pole, name="Atelier vélo roannais", slug="atelier-velo", legal_form=LegalForm.ASSOCIATION)
    structure(pole, name="SCOP Les Menuisiers", slug="menuisiers", legal_form=LegalForm.SCOP)
    # Another pole's grocery must never show up in this pole's directory.
    structure(f.PoleFactory(slug="autre-pole", name="Autre pôle"), name="Épicerie d’ailleurs", slug="ailleurs")
    page = journey.page

    journey.visit("/")
    # Keyboard: the first Tab shows the skip link, Enter takes the focus to the content.
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Aller au contenu")
    expect(skip).to_be_focused()
    box = skip.bounding_box()
    assert box and box["x"] >= 0 and box["y"] >= 0, f"the focused skip link is off screen: {box}"
    page.keyboard.press("Enter")
    expect(page.locator("#main")).to_be_focused()
    with journey.navigation():
        page.get_by_role("link", name="POLLENS — Roannais").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("POLLENS — Roannais")
    expect(page.get_by_role("main")).to_contain_text("Fédérer, développer, accompagner")

    pole_nav = page.get_by_role("navigation", name="Navigation du pôle")
    with journey.navigation():
        pole_nav.get_by_role("link", name="Annuaire").click()
    expect(pole_nav.get_by_role("link", name="Annuaire")).to_have_attribute("aria-current", "page")
    results = page.locator("#results")
    expect(results.get_by_role("article")).to_have_count(3)

    # Filter by legal form: the results update in place (htmx), the address keeps the filter.
    filters = page.get_by_role("search")
    filters.get_by_label("Forme juridique").select_option(label="Association")
    expect(results.get_by_role("article")).to_have_count(2)
    expect(results.get_by_role("link", name="SCOP Les Menuisiers")).to_have_count(0)
    expect(page).to_have_url(re.compile(r"legal_form=association"))
    journey.check_a11y()

    # A word typed without accents finds the name with accents, only in this pole.
    search = filters.get_by_label("Rechercher")
    search.fill("epicerie")
    search.press("Enter")
    expect(results.get_by_role("article")).to_have_count(1)
    expect(results.get_by_role("link", name="Épicerie solidaire du Coteau")).to_be_visible()
    expect(results.get_by_role("link", name="Épicerie d’ailleurs")).to_have_count(0)
    expect(page).to_have_url(re.compile(r"q=epicerie"))
    journey.check_a11y()

    # The same search typed as an address (a shared link) gives the same page, checked too.
    journey.visit(f"/p/{pole.slug}/annuaire/?q=EPICERIE")
    expect(results.get_by_role("link", name="Épicerie solidaire du Coteau")).to_be_visible()
    expect(results.get_by_role("article")).to_have_count(1)

    with journey.navigation():
        results.get_by_role("link", name="Épicerie solidaire du Coteau").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Épicerie solidaire du Coteau")
    expect(page.locator("dl.facts").first).to_contain_text("Roanne (42)")

    # Language switch: the same page in English, then back in French.
    with journey.navigation():
        page.get_by_role("link", name="English").click()
    assert page.locator("html").get_attribute("lang") == "en"
    expect(page.get_by_role("heading", level=1)).to_have_text("Épicerie solidaire du Coteau")
    with journey.navigation():
        page.get_by_role("link", name="Français").click()
    assert page.locator("html").get_attribute("lang") == "fr"
    expect(page.get_by_role("link", name="Annuaire des structures")).to_be_visible()
