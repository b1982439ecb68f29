"""A visitor browses the network directory and the map's list, opens POLLENS's fiche and
compares it with the museums network and a pôle de compétitivité; the coordinator edits the
fiche. Every page is checked with axe-core."""

import pytest
from playwright.sync_api import expect

from peps.core.testing import factories as f
from peps.network import services
from peps.poles.models import PoleKind, TerritoryUnit

COMPETITIVE = "Pôle de compétitivité Textile démo"
MUSEUMS = "Réseau des patrimoines du Roannais"


@pytest.fixture(autouse=True)
def _markers_only(settings):
    # No tile server in the test run: the map must work with its markers alone.
    settings.MAP_TILE_URL = ""


@pytest.fixture
def network(pole, commune):
    loire = commune.departement
    riorges = f.CommuneFactory(code="42184", name="Riorges", departement=loire, latitude=46.04, longitude=4.04)
    museums = f.PoleFactory(slug="patrimoines-roannais", name=MUSEUMS, kind=PoleKind.NETWORK)
    competitive = f.PoleFactory(slug="textile-demo", name=COMPETITIVE, kind=PoleKind.COMPETITIVENESS, is_demo=True)
    for p, code in ((pole, commune.code), (museums, riorges.code), (competitive, commune.code)):
        TerritoryUnit.objects.create(pole=p, kind="commune", code=code)
        services.profile_locate(pole=p)
    services.profile_update(
        pole=pole,
        by=None,
        values={
            "purposes": "Développement local durable du Roannais",
            "approach": "bottom_up",
            "governance": "Association, conseil de trois collèges",
            "context": "Industrie textile en reconversion",
        },
        new_themes=["Économie sociale et solidaire"],
    )
    services.profile_update(
        pole=museums,
        by=None,
        values={"approach": "bottom_up", "governance": "Une charte, des plénières ouvertes"},
        new_themes=["Patrimoine"],
    )
    services.profile_update(
        pole=competitive,
        by=None,
        values={"purposes": "Croissance économique", "approach": "top_down", "innovation_kind": "technological"},
    )
    return pole, museums, competitive


def test_visitor_browses_the_network_and_compares_three_poles(journey, network):
    page = journey.page
    journey.visit("/reseau/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Annuaire des pôles du réseau")
    results = page.locator("#results")
    expect(results).to_contain_text(COMPETITIVE)
    # The kind filter (htmx swaps the results in place).
    page.get_by_label("Type de pôle").select_option(label="Pôle de compétitivité")
    page.get_by_role("button", name="Filtrer").click()
    expect(results).not_to_contain_text("POLLENS")
    expect(results).to_contain_text(COMPETITIVE)
    journey.check_a11y()

    # The map and its list alternative.
    with journey.navigation():
        network_nav = page.get_by_role("navigation", name="Le réseau des pôles")
        network_nav.get_by_role("link", name="Carte des pôles", exact=True).click()
    expect(page.locator(".leaflet-marker-icon")).to_have_count(3)
    # Markers are reachable with the keyboard: Enter opens the popup with the fiche's link.
    marker = page.get_by_role("button", name=MUSEUMS)
    marker.focus()
    page.keyboard.press("Enter")
    expect(page.locator(".leaflet-popup-content").get_by_role("link", name=MUSEUMS)).to_be_visible()
    journey.check_a11y()
    page.get_by_role("link", name="Aller à la liste des pôles de la carte").click()
    table = page.locator("main table")
    expect(table).to_contain_text(MUSEUMS)

    # POLLENS's fiche, opened from the list.
    with journey.navigation():
        table.get_by_role("link", name="POLLENS — Roannais").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("POLLENS — Roannais")
    expect(page.locator("main")).to_contain_text("Développement local durable du Roannais")

    # Compare it with the museums network and the pôle de compétitivité.
    with journey.navigation():
        page.get_by_role("link", name="Comparer ce pôle avec d’autres").click()
    expect(page.get_by_label("POLLENS — Roannais")).to_be_checked()
    with journey.navigation():
        page.get_by_role("button", name="Comparer").click()
    expect(page.locator("main")).to_contain_text("Choisissez au moins deux pôles à comparer.")
    page.get_by_label(MUSEUMS).check()
    page.get_by_label(COMPETITIVE).check()
    with journey.navigation():
        page.get_by_role("button", name="Comparer").click()
    grid = page.locator("table").first
    for name in ("POLLENS — Roannais", MUSEUMS, COMPETITIVE):
        expect(grid.get_by_role("columnheader", name=name)).to_be_visible()
    expect(grid).to_contain_text("Descendante")
    expect(grid).to_contain_text("Une charte, des plénières ouvertes")


def test_coordinator_edits_the_fiche(journey, network, coordinator):
    page = journey.page
    journey.sign_in(coordinator.email)
    journey.visit("/reseau/poles/pollens/")
    with journey.navigation():
        page.get_by_role("link", name="Modifier la fiche").click()
    page.get_by_label("Démarche").select_option(label="Mixte")
    page.get_by_label("Autres thèmes").fill("Mobilité")
    page.get_by_label("Salariés (nombre)").fill("3")
    with journey.navigation():
        page.get_by_role("button", name="Enregistrer la fiche").click()
    expect(page.locator("main")).to_contain_text("La fiche du pôle est enregistrée.")
    expect(page.locator("main")).to_contain_text("Mobilité")
    expect(page.locator("main")).to_contain_text("Historique des modifications")
