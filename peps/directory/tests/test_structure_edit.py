"""Editing a structure's page: its approved representatives, the pole's coordinators and
network admins may; other signed-in people get 403; another pole's structure is a 404."""

import pytest
from django.urls import reverse

from peps.core.testing import factories as f
from peps.core.typography import french_text
from peps.directory.models import LegalForm, RepresentativeStatus, Structure
from peps.directory.selectors import can_edit_structure

from .factories import RepresentativeFactory, sector, structure_with_search

pytestmark = pytest.mark.django_db


@pytest.fixture
def structure(pole):
    return structure_with_search(
        pole=pole, name="Le Garage Solidaire", slug="le-garage-solidaire", sectors=[sector("mobilite")]
    )


def url(structure):
    return reverse("directory:edit", kwargs={"pole": structure.pole.slug, "slug": structure.slug})


def form_data(**changes):
    data = {
        "name": "Le Garage Solidaire du Roannais",
        "legal_form": "siae",
        "summary": "Réparation de voitures à prix solidaire.",
        "sectors": [sector("mobilite").pk, sector("insertion").pk],
        "address_visibility": "public",
        "email_visibility": "members",
        "phone_visibility": "coordinators",
        "contact_visibility": "members",
    }
    data.update(changes)
    return data


def test_visitors_are_sent_to_the_login_page(client, structure):
    response = client.get(url(structure))
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


@pytest.mark.parametrize("who", ["member", "citizen", "outsider"])
def test_people_who_do_not_represent_it_get_403(client, login, structure, who, request):
    login(request.getfixturevalue(who))
    assert client.get(url(structure)).status_code == 403
    assert client.post(url(structure), form_data()).status_code == 403
    structure.refresh_from_db()
    assert structure.name == "Le Garage Solidaire"


def test_a_pending_or_refused_claim_gives_no_right(client, login, structure, citizen):
    claim = RepresentativeFactory(structure=structure, person=citizen, status=RepresentativeStatus.PENDING)
    login(citizen)
    assert client.get(url(structure)).status_code == 403
    claim.status = RepresentativeStatus.REFUSED
    claim.save()
    assert client.get(url(structure)).status_code == 403


def test_another_poles_structure_is_a_404(client, login, structure, outsider, other_pole):
    login(outsider)
    assert client.get(f"/p/{other_pole.slug}/annuaire/{structure.slug}/modifier/").status_code == 404


def test_an_approved_representative_updates_the_page(client, login, structure, citizen):
    RepresentativeFactory(structure=structure, person=citizen)
    login(citizen)
    form = client.get(url(structure)).content.decode()
    assert 'value="Le Garage Solidaire"' in form
    response = client.post(url(structure), form_data())
    assert response.status_code == 302
    structure.refresh_from_db()
    assert structure.name == "Le Garage Solidaire du Roannais"
    assert structure.slug == "le-garage-solidaire"  # links keep working after a rename
    assert structure.legal_form == LegalForm.SIAE
    assert set(structure.sectors.values_list("slug", flat=True)) == {"mobilite", "insertion"}
    # The search text follows the new name and sectors.
    assert "roannais" in structure.search_text and "insertion" in structure.search_text


@pytest.mark.parametrize("who", ["coordinator", "network_admin"])
def test_coordinators_and_network_admins_may_edit(client, login, structure, who, request):
    login(request.getfixturevalue(who))
    assert client.get(url(structure)).status_code == 200
    assert client.post(url(structure), form_data()).status_code == 302


def test_invalid_input_is_refused_and_kept(client, login, structure, coordinator):
    login(coordinator)
    response = client.post(url(structure), form_data(siren="12345678", legal_form="musee"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Un numéro SIREN comporte exactement 9 chiffres." in html
    assert "Indiquez le statut du musée." in html
    assert 'value="12345678"' in html
    assert french_text("Modifier « Le Garage Solidaire »") in html  # the title keeps the saved name
    structure.refresh_from_db()
    assert structure.legal_form == LegalForm.ASSOCIATION


def test_the_commune_is_shown_as_a_label_in_the_form(client, login, pole, commune, coordinator):
    structure = f.StructureFactory(pole=pole, commune=commune)
    login(coordinator)
    assert 'value="Roanne (42)"' in client.get(url(structure)).content.decode()


def test_can_edit_structure_follows_the_rules(structure, coordinator, member, citizen, network_admin, outsider):
    RepresentativeFactory(structure=structure, person=citizen)
    assert can_edit_structure(coordinator, structure)
    assert can_edit_structure(network_admin, structure)
    assert can_edit_structure(citizen, structure)
    assert not can_edit_structure(member, structure)
    assert not can_edit_structure(outsider, structure)


def test_the_edit_form_uses_few_queries(client, login, structure, coordinator, django_assert_max_num_queries):
    login(coordinator)
    with django_assert_max_num_queries(7):
        assert client.get(url(structure)).status_code == 200
    assert Structure.objects.count() == 1
