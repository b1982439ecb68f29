"""Creating a structure's page: anyone signed in; slug unique in the pole; the creator
becomes its representative; bad input keeps what was typed."""

import pytest
from django.urls import reverse

from peps.core.testing import factories as f
from peps.directory import services
from peps.directory.models import Representative, RepresentativeStatus, Structure

from .factories import sector

pytestmark = pytest.mark.django_db


def url(pole):
    return reverse("directory:create", kwargs={"pole": pole.slug})


def form_data(**changes):
    data = {
        "name": "Énergies Citoyennes du Roannais",
        "legal_form": "scic",
        "summary": "Une coopérative de production d’énergie.",
        "address_visibility": "public",
        "email_visibility": "public",
        "phone_visibility": "members",
        "contact_visibility": "members",
    }
    data.update(changes)
    return data


def test_visitors_are_sent_to_the_login_page(client, pole):
    response = client.get(url(pole))
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_a_signed_in_person_creates_a_structure_and_becomes_its_representative(client, login, pole, citizen, commune):
    login(citizen)
    assert client.get(url(pole)).status_code == 200
    response = client.post(
        url(pole),
        form_data(commune="Roanne (42)", sectors=[sector("energie").pk], siren="732 829 320", website="exemple.fr"),
    )
    structure = Structure.objects.get(pole=pole)
    assert response.status_code == 302
    assert response["Location"] == structure.get_absolute_url()
    assert structure.slug == "energies-citoyennes-du-roannais"
    assert structure.siren == "732829320"
    assert structure.commune == commune
    assert structure.created_by == citizen
    assert list(structure.sectors.all()) == [sector("energie")]
    representative = Representative.objects.get(structure=structure)
    assert (representative.person, representative.status) == (citizen, RepresentativeStatus.APPROVED)
    # Accent-free, lower-case, with the sector and the commune: what the directory search reads.
    assert "energies citoyennes" in structure.search_text
    assert "energie" in structure.search_text and "roanne" in structure.search_text


def test_slugs_are_unique_within_a_pole(pole, other_pole, citizen):
    first = services.structure_create(pole=pole, by=citizen, fields=form_data(name="Le Lien"))
    second = services.structure_create(pole=pole, by=citizen, fields=form_data(name="Le lien"))
    third = services.structure_create(pole=pole, by=citizen, fields=form_data(name="LE LIEN !"))
    elsewhere = services.structure_create(pole=other_pole, by=citizen, fields=form_data(name="Le Lien"))
    assert [first.slug, second.slug, third.slug] == ["le-lien", "le-lien-2", "le-lien-3"]
    assert elsewhere.slug == "le-lien"


def test_a_slug_never_shadows_a_directory_page(pole, citizen):
    structure = services.structure_create(pole=pole, by=citizen, fields=form_data(name="Personnes"))
    assert structure.slug == "personnes-2"


def test_a_name_without_letters_still_gets_a_slug(pole, citizen):
    assert services.structure_create(pole=pole, by=citizen, fields=form_data(name="« ! »")).slug == "structure"


def test_an_invalid_siret_is_refused_and_what_was_typed_is_kept(client, login, pole, citizen):
    login(citizen)
    response = client.post(url(pole), form_data(siret="73282932000075", address="3 place du Marché"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Ce numéro SIRET n’est pas valide (clé de contrôle incorrecte)." in html
    assert 'value="73282932000075"' in html
    assert 'value="3 place du Marché"' in html
    assert not Structure.objects.exists()


def test_an_unknown_commune_is_a_clear_error(client, login, pole, citizen):
    login(citizen)
    response = client.post(url(pole), form_data(commune="Nulle-Part"))
    assert response.status_code == 200
    assert "Commune inconnue" in response.content.decode()
    assert 'value="Nulle-Part"' in response.content.decode()


def test_a_missing_name_is_a_clear_error(client, login, pole, citizen):
    login(citizen)
    response = client.post(url(pole), form_data(name=""))
    assert response.status_code == 200
    assert "Ce champ est obligatoire." in response.content.decode()


def test_the_service_refuses_inconsistent_data(pole, citizen):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        services.structure_create(pole=pole, by=citizen, fields=form_data(legal_form="scop", rna="W423001234"))
    assert not Structure.objects.exists()


def test_an_unknown_pole_is_a_404(client, login, citizen):
    login(citizen)
    assert client.get("/p/inconnu/annuaire/nouvelle/").status_code == 404


def test_the_create_page_uses_few_queries(client, login, pole, citizen, django_assert_max_num_queries):
    login(citizen)
    f.CollegeFactory(pole=pole)
    with django_assert_max_num_queries(6):  # +1: the unread notifications count in the header
        assert client.get(url(pole)).status_code == 200
