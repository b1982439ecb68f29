"""Maps when no tile server answers (issue 15, part 4): the outlines of the territory's
communes, served by PEPS itself, are drawn under the markers, a note says the base map is
missing, and the table alternative stays; the pages stay accessible and reflow at 320 px."""

import pytest
from django.conf import settings
from playwright.sync_api import expect

from peps.core.testing import factories as f
from peps.poles.models import TerritoryUnit
from peps.territory.models import Arrondissement, CommuneOutline

from .conftest import ARTIFACTS
from .demo_site import ROANNAIS

TILE_ORIGIN = "/".join(settings.MAP_TILE_URL.split("/")[:3])


def square(lng: float, lat: float) -> list:
    d = 0.015
    return [[[[lng - d, lat - d], [lng + d, lat - d], [lng + d, lat + d], [lng - d, lat + d], [lng - d, lat - d]]]]


@pytest.fixture
def mapped_pole(pole):
    """POLLENS on ten communes of the Roannais, each with its outline; four structures."""
    loire = f.DepartementFactory(code="42", name="Loire")
    arrondissement = Arrondissement.objects.create(code="422", name="Roanne", departement=loire)
    for code, name, population, latitude, longitude in ROANNAIS:
        commune = f.CommuneFactory(
            code=code,
            name=name,
            population=population,
            departement=loire,
            arrondissement=arrondissement,
            latitude=latitude,
            longitude=longitude,
        )
        CommuneOutline.objects.create(commune=commune, coordinates=square(longitude, latitude))
    TerritoryUnit.objects.create(pole=pole, kind="arrondissement", code="422", label="Arrondissement de Roanne")
    for index, (code, name, *_rest) in enumerate(ROANNAIS[:4]):
        f.StructureFactory(pole=pole, name=f"Association de {name}", slug=f"association-{index}", commune_id=code)
    return pole


def block_tiles(page) -> list[str]:
    """Refuse every request to the tile server, as a network that blocks it would."""
    refused: list[str] = []

    def refuse(route):
        refused.append(route.request.url)
        route.abort()

    page.route(lambda url: url.startswith(TILE_ORIGIN), refuse)
    return refused


def test_maps_without_tiles_draw_the_communes_outlines_under_the_markers(journey, mapped_pole):
    page = journey.page
    page.set_default_timeout(45_000)
    refused = block_tiles(page)

    # The territory: ten outlines in their own pane, under the communes' dots.
    journey.goto(f"/p/{mapped_pole.slug}/territoire/")
    territory_map = page.locator("#territory-map")
    expect(territory_map).to_have_attribute("data-outlines-drawn", "10")
    expect(territory_map.locator(".leaflet-outlines-pane path.map-outline")).to_have_count(10)
    panes = page.evaluate(
        """() => ["outlines", "overlay", "marker"].map(
            (name) => Number(getComputedStyle(document.querySelector(`#territory-map .leaflet-${name}-pane`)).zIndex))"""
    )
    assert panes[0] < panes[1] < panes[2], panes
    # Drawn where they belong, not squeezed to nothing: each outline has a visible size.
    sizes = territory_map.locator("path.map-outline").evaluate_all(
        "(paths) => paths.map((p) => p.getBoundingClientRect()).map((r) => [r.width, r.height])"
    )
    assert all(width > 5 and height > 5 for width, height in sizes), sizes
    svg = territory_map.locator(".leaflet-outlines-pane svg").bounding_box()
    assert svg and svg["width"] > 300, svg
    expect(territory_map.locator(".leaflet-overlay-pane path")).to_have_count(10)  # the communes' dots
    assert refused, "the map never asked the tile server"
    note = page.locator(".map-offline")
    expect(note).to_contain_text("contours des communes")
    # Written in the page, so set in French typography like any other text.
    assert "chargé\u00a0:" in note.inner_text()
    expect(page.locator(".leaflet-control-attribution")).to_contain_text("IGN")
    expect(page.locator("#communes table")).to_contain_text("Saint-Haon-le-Châtel")
    journey.check_a11y()
    journey.check_reflow(320)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "map-without-tiles-territory.png"), full_page=True)

    # The directory's map: the same outlines under the structures' markers, and its table.
    journey.goto(f"/p/{mapped_pole.slug}/annuaire/?vue=carte")
    structure_map = page.locator("#structure-map")
    expect(structure_map).to_have_attribute("data-outlines-drawn", "10")
    expect(structure_map.locator(".leaflet-outlines-pane path.map-outline")).to_have_count(10)
    expect(structure_map.locator(".leaflet-marker-pane > *").first).to_be_visible()
    expect(page.locator(".map-offline")).to_be_visible()
    expect(page.get_by_role("heading", name="Structures par commune")).to_be_visible()
    expect(page.locator("#map-table ~ .table-scroll table")).to_contain_text("Association de Roanne")
    journey.check_a11y()
    page.set_viewport_size({"width": 320, "height": 640})
    journey.check_reflow(320)
    expect(structure_map.locator(".leaflet-outlines-pane path.map-outline")).to_have_count(10)
    page.screenshot(path=str(ARTIFACTS / "map-without-tiles-directory-320.png"), full_page=True)
