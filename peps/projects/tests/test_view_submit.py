"""projects:submit — any signed-in person brings an idea, in their name or a structure's."""

import pytest
from django.core import mail
from django.urls import reverse

from peps.core.testing import factories as f
from peps.core.typography import french_text
from peps.directory.models import RepresentativeStatus
from peps.projects.models import Project
from peps.projects.stages import Stage

from .factories import representative_of

URL = reverse("projects:submit", kwargs={"pole": "pollens"})


def data(**extra):
    values = {
        "title": "Ressourcerie de Charlieu",
        "summary": "Collecter, réparer, revendre.",
        "description": "Un atelier ouvert.",
        "involved": "Deux associations de quartier et la mairie.",
        "domain": "ecology",
        "commune": "Roanne (42)",
        "visibility": "public",
    }
    values.update(extra)
    return values


def test_anonymous_is_sent_to_login(client, pole):
    response = client.get(URL)
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]
    assert client.post(URL, data()).status_code == 302
    assert not Project.objects.exists()


def test_the_form_is_in_french(client, pole, citizen):
    client.force_login(citizen)
    content = client.get(URL).content.decode()
    assert "Proposer une idée" in content
    assert "Au nom de" not in content  # no structure to speak for
    # Only what a citizen knows: no economic model, no « Markdown » jargon.
    assert "Modèle économique" not in content and "Markdown" not in content
    assert french_text("Qui est impliqué ?") in content and "Laissez une ligne vide" in content


def test_a_citizen_submits_an_idea_in_their_name(
    client, pole, citizen, commune, coordinator, django_capture_on_commit_callbacks
):
    client.force_login(citizen)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, data(), follow=True)
    project = Project.objects.get()
    # The « what next » page: who reads it, within how long, the stages ahead.
    assert response.redirect_chain[-1][0] == reverse("projects:submitted", args=[pole.slug, project.pk])
    content = response.content.decode()
    assert "Merci, votre idée est déposée" in content
    assert "l’équipe de coordination de POLLENS" in content and "sous 15 jours" in content
    assert "Structuration de l’idée" in content and "(étape actuelle)" in content
    assert project.involved == "Deux associations de quartier et la mairie."
    assert project.economic_model == ""
    assert project.holder == citizen
    assert project.holder_structure is None
    assert project.stage == Stage.SUBMITTED
    assert project.commune == commune
    assert project.pole == pole
    assert project.stage_changes.get().from_stage == ""
    assert project.follows.filter(person=citizen).exists()
    assert [m.to for m in mail.outbox] == [[coordinator.email]]
    # The coordination sees the new idea in the app too.
    assert coordinator.notifications.get().url == project.get_absolute_url()


def test_on_behalf_of_a_structure_i_represent(client, pole, citizen, commune):
    structure = f.StructureFactory(pole=pole, name="Les Jardins du Roannais")
    representative_of(structure, citizen)
    client.force_login(citizen)
    content = client.get(URL).content.decode()
    assert "Au nom de" in content
    assert "Les Jardins du Roannais" in content
    client.post(URL, data(on_behalf=structure.pk))
    assert Project.objects.get().holder_structure == structure


@pytest.mark.parametrize("case", ["not_representative", "pending", "other_pole"])
def test_refused_for_a_structure_i_do_not_represent(client, pole, other_pole, citizen, commune, case):
    mine = f.StructureFactory(pole=pole)
    representative_of(mine, citizen)  # so that the choice is offered at all
    if case == "not_representative":
        target = f.StructureFactory(pole=pole)
    elif case == "pending":
        target = f.StructureFactory(pole=pole)
        representative_of(target, citizen, status=RepresentativeStatus.PENDING)
    else:
        target = f.StructureFactory(pole=other_pole)
        representative_of(target, citizen)
    client.force_login(citizen)
    response = client.post(URL, data(on_behalf=target.pk))
    assert response.status_code == 200
    assert response.context["form"].errors["on_behalf"]
    assert not Project.objects.exists()


def test_bad_input_keeps_what_was_typed_with_french_messages(client, pole, citizen, commune):
    client.force_login(citizen)
    response = client.post(URL, data(title="", domain="nonsense", commune="Atlantide", summary="Gardé"))
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert set(errors) == {"title", "domain", "commune"}
    assert "Commune inconnue" in errors["commune"][0]
    content = response.content.decode()
    assert "Gardé" in content
    assert "Atlantide" in content
    assert not Project.objects.exists()


def test_an_outsider_may_bring_an_idea_too(client, pole, outsider, commune):
    client.force_login(outsider)
    assert client.post(URL, data()).status_code == 302
    assert Project.objects.get().holder == outsider


def test_ask_to_represent_a_structure_from_the_same_form(client, pole, citizen, commune, coordinator):
    structure = f.StructureFactory(pole=pole, name="Les Jardins du Roannais")
    client.force_login(citizen)
    response = client.post(URL, data(represent="les jardins du roannais", represent_title="Bénévole"), follow=True)
    claim = structure.representatives.get()
    assert claim.person == citizen and claim.status == RepresentativeStatus.PENDING and claim.title == "Bénévole"
    assert Project.objects.get().holder_structure is None
    assert french_text("Votre demande pour représenter « Les Jardins du Roannais »") in response.content.decode()


def test_an_unknown_structure_to_represent_is_a_clear_error(client, pole, citizen, commune):
    client.force_login(citizen)
    response = client.post(URL, data(represent="Atlantide SARL"))
    assert response.status_code == 200
    assert "Aucune structure de l’annuaire du pôle" in response.context["form"].errors["represent"][0]
    assert not Project.objects.exists()


def test_structure_suggestions_for_the_represent_field(client, pole, citizen):
    structure = f.StructureFactory(pole=pole, name="Les Jardins du Roannais")
    structure.refresh_search_text()
    structure.save()
    client.force_login(citizen)
    url = reverse("projects:structure_suggestions", kwargs={"pole": pole.slug})
    assert 'value="Les Jardins du Roannais"' in client.get(url, {"represent": "jardins"}).content.decode()


def test_the_what_next_page_is_the_holders_only(client, pole, citizen, member):
    project = f.ProjectFactory(pole=pole, holder=citizen)
    url = reverse("projects:submitted", args=[pole.slug, project.pk])
    client.force_login(member)
    assert client.get(url)["Location"] == project.get_absolute_url()
