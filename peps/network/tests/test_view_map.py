"""network:map — markers at the poles' centres, same filters, a list beside the map."""

import json
import re

from django.urls import reverse

from .factories import many_poles

URL = reverse("network:map")


def markers(response):
    match = re.search(r'<script id="map-markers" type="application/json">(.*?)</script>', response.content.decode())
    return json.loads(match.group(1))


def test_markers_carry_name_kind_link_and_position(client, located_pole, competitive_pole):
    response = client.get(URL)
    assert response.status_code == 200
    (marker,) = markers(response)  # the competitive pole has no territory: in the list only
    assert marker["name"] == "POLLENS — Roannais"
    assert marker["url"] == reverse("network:profile", kwargs={"slug": "pollens"})
    assert marker["lat"] == 46.03 and marker["kind"]
    html = response.content.decode()
    assert "Pôle de compétitivité Textile" in html  # the list alternative holds every pole
    assert 'id="map-list"' in html


def test_filters_apply_to_the_markers_and_the_list(client, located_pole, competitive_pole):
    response = client.get(URL, {"kind": "competitive"})
    assert markers(response) == []
    assert [p.slug for p in response.context["poles"]] == ["textile"]


def test_without_tile_url_the_map_has_markers_only(client, located_pole, settings):
    settings.MAP_TILE_URL = ""
    response = client.get(URL)
    config = json.loads(
        re.search(r'id="map-config" type="application/json">(.*?)</script>', response.content.decode()).group(1)
    )
    assert config["tileUrl"] == "" and len(markers(response)) == 1


def test_no_inline_script_other_than_json_data(client, located_pole):
    html = client.get(URL).content.decode()
    for tag in re.findall(r"<script[^>]*>", html):
        assert "src=" in tag or 'type="application/json"' in tag


def test_query_count_stays_constant_with_100_poles(client, django_assert_max_num_queries, db):
    many_poles(100)
    with django_assert_max_num_queries(8):
        response = client.get(URL)
    assert len(markers(response)) == 100
