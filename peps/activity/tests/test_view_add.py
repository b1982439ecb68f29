"""The quick form: from the log page and from a structure's page, with or without htmx."""

import datetime

import pytest
from django.urls import reverse

from peps.activity.models import Contact
from peps.core.testing import factories as f

pytestmark = pytest.mark.django_db

URL = reverse("activity:add", kwargs={"pole": "pollens"})


def _data(**extra):
    return {"date": "2026-03-02", "channel": "phone", "topic": "Adhésion au pôle", **extra}


def test_member_gets_403_and_outsider_404(client, pole, member, outsider, structure):
    for user, status in ((member, 403), (outsider, 404)):
        client.force_login(user)
        assert client.post(URL, _data(structure=structure.name)).status_code == status
    assert not Contact.objects.exists()


def test_typed_structure_name_is_resolved_whatever_the_accents(client, pole, coordinator, structure):
    client.force_login(coordinator)
    response = client.post(URL, _data(structure="maison de l'emploi du roannais"))
    assert response.status_code == 302
    contact = Contact.objects.get()
    assert contact.structure == structure and contact.recorded_by == coordinator


def test_unknown_structure_keeps_what_was_typed(client, pole, coordinator):
    client.force_login(coordinator)
    response = client.post(URL, _data(structure="Structure inconnue", person_text="Élise"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Aucune structure de l’annuaire du pôle ne porte ce nom" in html
    assert 'value="Structure inconnue"' in html and 'value="Élise"' in html
    assert not Contact.objects.exists()


def test_structure_of_another_pole_is_not_found(client, pole, other_pole, coordinator):
    elsewhere = f.StructureFactory(pole=other_pole, name="Ailleurs SCOP")
    client.force_login(coordinator)
    response = client.post(URL, _data(structure=elsewhere.name))
    assert response.status_code == 200 and not Contact.objects.exists()
    response = client.post(URL, _data(structure=str(elsewhere.pk)))
    assert response.status_code == 200 and not Contact.objects.exists()


def test_a_member_suggestion_links_the_account(client, pole, coordinator, member):
    client.force_login(coordinator)
    client.post(URL, _data(person_text=f"{member.public_name} — {member.email}"))
    contact = Contact.objects.get()
    assert contact.person == member and contact.person_name == ""


def test_someone_outside_the_pole_stays_a_typed_name(client, pole, coordinator, citizen):
    client.force_login(coordinator)
    client.post(URL, _data(person_text=f"Célia — {citizen.email}"))
    contact = Contact.objects.get()
    assert contact.person is None and contact.person_name == "Célia"


def test_nobody_named_is_refused(client, pole, coordinator):
    client.force_login(coordinator)
    response = client.post(URL, _data())
    assert "au moins l’une des deux" in response.content.decode()
    assert not Contact.objects.exists()


def test_htmx_from_the_log_returns_a_blank_form_and_the_new_row(client, pole, coordinator, structure):
    client.force_login(coordinator)
    response = client.post(URL, _data(structure=structure.name), HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert 'id="quick-contact"' in html and "Le contact est enregistré" in html
    assert 'hx-swap-oob="afterbegin:#contact-rows"' in html and "premier contact" in html


def test_htmx_from_a_structure_page_returns_its_box(client, pole, coordinator, structure):
    client.force_login(coordinator)
    data = _data(from_structure=structure.pk, person_text="Bruno Perrin")
    response = client.post(URL, data, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert 'id="structure-contacts"' in html and "Bruno Perrin" in html and "premier contact" in html
    assert Contact.objects.get().structure == structure


def test_without_javascript_a_structure_page_post_comes_back_to_it(client, pole, coordinator, structure):
    client.force_login(coordinator)
    response = client.post(URL, _data(from_structure=structure.pk, person_text="Bruno Perrin"))
    assert response.status_code == 302 and response["Location"] == structure.get_absolute_url()


def test_open_redirects_are_ignored(client, pole, coordinator, structure):
    client.force_login(coordinator)
    response = client.post(URL, _data(structure=structure.name, next="https://evil.example/"))
    assert response["Location"] == reverse("activity:log", kwargs={"pole": "pollens"})


def test_the_form_page_prefills_today(client, pole, coordinator):
    client.force_login(coordinator)
    response = client.get(URL)
    assert datetime.date.today().isoformat() in response.content.decode()


def test_suggestions_list_structures_and_people_of_the_pole_only(client, pole, other_pole, coordinator, member):
    f.StructureFactory(pole=pole, name="Épicerie solidaire", search_text="epicerie solidaire")
    f.StructureFactory(pole=other_pole, name="Épicerie d’ailleurs", search_text="epicerie d'ailleurs")
    client.force_login(coordinator)
    html = client.get(reverse("activity:structure_suggestions", kwargs={"pole": "pollens"}), {"structure": "epic"})
    assert "Épicerie solidaire" in html.content.decode() and "ailleurs" not in html.content.decode()
    html = client.get(reverse("activity:person_suggestions", kwargs={"pole": "pollens"}), {"person_text": "Marc"})
    assert member.email in html.content.decode()
    client.force_login(member)
    assert client.get(reverse("activity:person_suggestions", kwargs={"pole": "pollens"})).status_code == 403
