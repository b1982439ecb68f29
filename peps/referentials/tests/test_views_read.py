"""referentials:list, :version, :export_* — public for published versions, drafts for network
administrators only; the tree shows levels and codes, and says once which labels are unknown."""

import json

import pytest
import yaml
from django.urls import reverse

from peps.referentials import services

pytestmark = pytest.mark.django_db


def version_url(version, name="referentials:version"):
    return reverse(name, kwargs={"slug": version.referential.slug, "number": version.number})


def test_anonymous_visitor_reads_the_published_ptce(client, ptce):
    response = client.get(version_url(ptce))
    assert response.status_code == 200
    text = response.text
    assert "Cultiver et servir le territoire" in text and "Objectif principal" in text
    # The 9 principal objectives and 17 of the 27 indicators have no label yet: said once,
    # not by a mark on each (the marks are the editors' work list).
    assert "badge-todo" not in text
    assert "libellé à compléter" not in text
    assert text.count("Les libellés de 26 éléments ne sont pas encore connus") == 1
    assert text.count("Le réseau complète les libellés du référentiel.") == 1
    assert text.count('class="note"') == 1
    assert "Créer une nouvelle version" not in text


def test_list_shows_published_referentials_only(client, ptce, small):
    text = client.get(reverse("referentials:list")).text
    assert "Référentiel PTCE" in text and "Petit référentiel" not in text


def test_a_draft_is_hidden_from_everyone_but_network_admins(client, small, coordinator, network_admin):
    assert client.get(version_url(small)).status_code == 404
    client.force_login(coordinator)
    assert client.get(version_url(small)).status_code == 404
    client.force_login(network_admin)
    response = client.get(version_url(small))
    assert response.status_code == 200 and "Brouillon" in response.text
    assert "Petit référentiel" in client.get(reverse("referentials:list")).text


def test_latest_redirects_to_the_newest_visible_version(client, ptce):
    services.version_create_from(version=ptce)  # a draft: not for the public
    response = client.get(reverse("referentials:latest", kwargs={"slug": "referentiel-ptce"}))
    assert response.url == version_url(ptce)
    assert client.get(reverse("referentials:latest", kwargs={"slug": "nope"})).status_code == 404


def test_unknown_version_is_404(client, ptce):
    url = reverse("referentials:version", kwargs={"slug": "referentiel-ptce", "number": 99})
    assert client.get(url).status_code == 404


def test_export_yaml_and_json_are_downloads(client, ptce):
    response = client.get(version_url(ptce, "referentials:export_yaml"))
    assert response["Content-Disposition"] == 'attachment; filename="referentiel-ptce-v1.yaml"'
    data = yaml.safe_load(response.content)
    assert data["referential"]["slug"] == "referentiel-ptce" and len(data["items"]) == 3
    response = client.get(version_url(ptce, "referentials:export_json"))
    assert json.loads(response.content)["items"][1]["children"][1]["children"][1]["code"] == "e2"


def test_export_of_a_draft_is_404_for_the_public(client, small):
    assert client.get(version_url(small, "referentials:export_json")).status_code == 404


def test_big_version_page_costs_few_queries(client, network_admin, django_assert_max_num_queries):
    version = services.referential_create(slug="grand", name="Grand", level_names=["O", "I"])
    for n in range(12):
        root = services.item_add(version=version, code=f"O{n}", label=f"Objectif {n}")
        for m in range(4):
            services.item_add(version=version, parent=root, code=f"I{n}-{m}", label="", to_complete=True)
    client.force_login(network_admin)
    with django_assert_max_num_queries(10):
        response = client.get(version_url(version))
    assert response.text.count('class="ref-item') == 60


def test_list_with_many_versions_costs_few_queries(client, network_admin, ptce, django_assert_max_num_queries):
    for _n in range(30):
        services.version_create_from(version=ptce)
    client.force_login(network_admin)
    with django_assert_max_num_queries(8):
        response = client.get(reverse("referentials:list"))
    assert response.text.count("Version ") >= 31
