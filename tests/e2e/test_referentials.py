"""A network administrator opens the référentiel PTCE, sees the labels left « à compléter »,
makes a new version and completes one label there; a pole's coordinator asks a resource person
to sit in a Bourse aux projets and follows the request."""

import re

import pytest
from playwright.sync_api import expect

from peps.core.testing import factories as f
from peps.referentials.models import Item
from peps.referentials.services import load_ptce_referential
from peps.resourcepeople.models import RequestStatus, ResourceRequest
from peps.resourcepeople.tests.factories import ResourcePersonFactory

A1_LABEL = "Identifier les besoins du territoire et de ses habitants"


@pytest.fixture(autouse=True)
def _inline_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


def test_network_admin_completes_a_label_of_the_ptce_on_a_new_version(journey, network_admin):
    ptce = load_ptce_referential()
    page = journey.page
    journey.sign_in(network_admin.email)
    journey.visit("/reseau/referentiels/")
    with journey.navigation():
        page.get_by_role("link", name=re.compile(r"Version 1")).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Référentiel PTCE")
    # Said once above the tree; the editors also get a mark on each item to complete.
    expect(page.locator("p.note")).to_contain_text("Les libellés de 26 éléments ne sont pas encore connus")
    expect(page.locator(".badge-todo")).to_have_count(26)
    expect(page.locator(f"#item-{ptce.items.get(code='e2').pk}")).to_contain_text(
        "créer des synergies", ignore_case=True
    )

    page.get_by_label("Libellé de la nouvelle version").fill("Socle 2013")
    with journey.navigation():
        page.get_by_role("button", name="Créer une nouvelle version").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("version 2")
    expect(page.locator(".badge-draft")).to_have_text("Brouillon")

    with journey.navigation():
        page.get_by_role("link", name="Modifier a1", exact=True).click()
    page.get_by_label("Libellé", exact=True).fill(A1_LABEL)
    page.get_by_label("Libellé à compléter").uncheck()
    with journey.navigation():
        page.get_by_role("button", name="Enregistrer l’élément").click()
    expect(page.get_by_text(A1_LABEL)).to_be_visible()
    expect(page.locator(".badge-todo")).to_have_count(25)
    expect(page.locator("p.note")).to_contain_text("Les libellés de 25 éléments ne sont pas encore connus")

    with journey.navigation():
        page.get_by_role("button", name="Publier cette version").click()
    expect(page.locator("main p .badge").first).to_have_text("Publiée, modifiable")
    # The first version is untouched.
    assert Item.objects.get(version=ptce, code="a1").label == ""
    journey.check_reflow()


def test_coordinator_asks_a_resource_person_to_sit_in_a_bourse_aux_projets(journey, pole, coordinator):
    person = ResourcePersonFactory(
        name="Jean-Luc Perrin", tags="stratégie commerciale", email="jean-luc.perrin@exemple.demo"
    )
    ResourcePersonFactory(name="Claire Vidal", tags="statuts juridiques")
    f.ProjectFactory(pole=pole, title="Épicerie solidaire de Roanne")
    page = journey.page
    journey.sign_in(coordinator.email)
    journey.visit("/reseau/personnes-ressources/")
    page.get_by_label("Compétence").select_option("stratégie commerciale")
    # The filters swap the results in place (htmx): no page load.
    page.get_by_role("button", name="Filtrer").click()
    expect(page.locator("#results")).not_to_contain_text("Claire Vidal")
    expect(page).to_have_url(re.compile(r"skill="))
    journey.check_a11y()
    with journey.navigation():
        page.get_by_role("link", name="Jean-Luc Perrin").click()
    with journey.navigation():
        page.get_by_role("link", name="Solliciter cette personne").click()
    page.get_by_label("Participer à une Bourse aux projets").check()
    page.get_by_label("Message").fill("Pourriez-vous siéger à notre Bourse aux projets du 12 mars ?")
    with journey.navigation():
        page.get_by_role("button", name="Envoyer la sollicitation").click()
    expect(page.locator("main .badge").first).to_have_text("En attente de réponse")
    request = ResourceRequest.objects.get(person=person)
    assert request.pole == pole and request.status == RequestStatus.PENDING

    with journey.navigation():
        page.get_by_role("link", name="Suivi des sollicitations").click()
    expect(page.get_by_role("row", name=re.compile("Jean-Luc Perrin"))).to_contain_text("En attente de réponse")
    journey.check_reflow()
