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
