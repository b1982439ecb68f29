"""The territory page draws its communes on a map (map.js), with the table as its alternative."""

import json
import re

import pytest

pytestmark = pytest.mark.django_db


def markers(html: str) -> list[dict]:
    found = re.search(r'<script id="territory-markers" type="application/json">(.*?)</script>', html, re.S)
    assert found, "the page carries no markers"
    return json.loads(found.group(1))


def test_every_located_commune_is_a_dot_on_the_map(client, small_territory):
    html = client.get("/p/pollens/territoire/").content.decode()
    assert 'class="area-map"' in html and "js/map.js" in html
    dots = markers(html)
    assert {dot["name"] for dot in dots} == {"Ambierle", "Mably", "Roanne", "Thizy-les-Bourgs"}
    assert all(dot["kind"] == "place" and isinstance(dot["lat"], float) for dot in dots)
    roanne = next(dot for dot in dots if dot["name"] == "Roanne")
    assert roanne["detail"] == "34\xa0000 habitants"
    # The table stays, in a region that scrolls on a phone, and the map links to it.
    assert 'href="#communes"' in html
    assert 'role="region" aria-labelledby="communes-title" tabindex="0"' in html


def test_htmx_pages_of_the_table_do_not_redraw_the_map(client, small_territory):
    html = client.get("/p/pollens/territoire/?page=1", headers={"HX-Request": "true"}).content.decode()
    assert "territory-markers" not in html
    assert "Roanne" in html


def square(lng: float, lat: float) -> list:
    """A small square around a point, as MultiPolygon coordinates."""
    d = 0.02
    return [[[[lng - d, lat - d], [lng + d, lat - d], [lng + d, lat + d], [lng - d, lat + d], [lng - d, lat - d]]]]


def test_the_map_reads_the_outlines_of_the_territorys_communes(client, small_territory, django_assert_max_num_queries):
    from peps.territory.models import CommuneOutline

    for code in ("42187", "42127", "69248", "42999"):
        CommuneOutline.objects.create(commune_id=code, coordinates=square(4.07, 46.03))
    html = client.get("/p/pollens/territoire/").content.decode()
    assert 'data-outlines="/p/pollens/territoire/contours.geojson"' in html
    with django_assert_max_num_queries(4):
        response = client.get("/p/pollens/territoire/contours.geojson")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/geo+json"
    data = response.json()
    assert data["type"] == "FeatureCollection"
    # The territory's communes that have an outline; never a commune outside the territory.
    assert {feature["properties"]["name"] for feature in data["features"]} == {"Roanne", "Mably", "Thizy-les-Bourgs"}
    roanne = next(feature for feature in data["features"] if feature["properties"]["code"] == "42187")
    assert roanne["geometry"] == {"type": "MultiPolygon", "coordinates": square(4.07, 46.03)}


def test_a_pole_without_territory_has_no_outline(client, pole):
    data = client.get("/p/pollens/territoire/contours.geojson").json()
    assert data == {"type": "FeatureCollection", "features": []}


def test_the_directory_map_draws_the_same_outlines(client, small_territory):
    html = client.get("/p/pollens/annuaire/?vue=carte").content.decode()
    assert 'data-outlines="/p/pollens/territoire/contours.geojson"' in html
