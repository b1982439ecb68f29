"""Self-assessment: the coordinator of POLLENS fills the questionnaire (the draft autosaves),
submits it, and opens the pole's radar against the network; the network administrator
follows the campaign and reads its results. Every page is checked with axe."""

import re

import pytest
from playwright.sync_api import expect

from peps.assessment.models import AnswerStatus
from peps.assessment.tests import factories as af
from peps.core.testing import factories as f


@pytest.fixture(autouse=True)
def _inline_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


@pytest.fixture
def campaign(pole):
    version = af.small_version()
    others = [f.PoleFactory(name=f"Pôle voisin {n}") for n in range(1, 6)]
    campaign = af.campaign([pole, *others], version=version, title="Autoévaluation 2025", max_most_important=2)
    for n, other in enumerate(others):
        af.answer(campaign, other, af.full_levels(version, n % 5), chosen={"a1", "b1"})
    return campaign


def test_coordinator_fills_submits_and_sees_the_radar(journey, pole, coordinator, campaign):
    page = journey.page
    journey.sign_in(coordinator.email)
    journey.visit(f"/p/{pole.slug}/autoevaluation/")
    with journey.navigation():
        page.get_by_role("link", name="Répondre à « Autoévaluation 2025 »").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Autoévaluation 2025")

    codes = ["a1", "a2", "b1", "b2", "c1", "c2"]
    for code in codes[:3]:
        page.get_by_role("group", name=f"{code} : niveau atteint par le pôle").get_by_label("3 — bien avancé").check()
    page.get_by_label("a1 : parmi les 2 plus importants").check()
    # The draft is saved in the background (htmx) after a change.
    expect(page.locator("#autosave-status")).to_contain_text("Brouillon enregistré automatiquement", timeout=10_000)
    expect(page.locator("#chosen-count")).to_contain_text("1 sur 2")

    # Submitting an incomplete answer says what is missing and keeps what was chosen.
    with journey.navigation(status=400):
        page.get_by_role("button", name="Transmettre la réponse au réseau").click()
    expect(page.locator("#form-errors")).to_contain_text("il manque : b2, c1, c2")
    for code in codes[3:]:
        page.get_by_role("group", name=f"{code} : niveau atteint par le pôle").get_by_label(
            "1 — premières actions"
        ).check()
    page.get_by_label("c2 : commentaire").fill("Modèle économique encore très dépendant des subventions.")
    with journey.navigation():
        page.get_by_role("button", name="Transmettre la réponse au réseau").click()
    expect(page.locator("main")).to_contain_text("Votre réponse est transmise au réseau.")
    assert campaign.answers.get(pole=pole).status == AnswerStatus.SUBMITTED

    with journey.navigation():
        page.get_by_role("link", name="Profil du pôle et comparaison au réseau").click()
    radar = page.get_by_role("img", name=re.compile("Profil de POLLENS"))
    expect(radar).to_be_visible()
    expect(page.get_by_role("table", name=re.compile("Niveau du pôle, médiane et quartiles"))).to_contain_text(
        "Objectif a"
    )
    journey.check_reflow()

    with journey.navigation():
        page.get_by_role("link", name=re.compile("Tous les résultats du réseau")).click()
    expect(page.get_by_role("img", name=re.compile("Indicateurs les plus souvent choisis"))).to_be_visible()
    expect(page.locator("main")).to_contain_text("Organisation de la délibération")


def test_network_admin_follows_the_campaign_and_its_results(journey, network_admin, campaign):
    page = journey.page
    journey.sign_in(network_admin.email)
    journey.visit("/reseau/campagnes/")
    with journey.navigation():
        page.get_by_role("link", name="Autoévaluation 2025").click()
    expect(page.get_by_role("table", name="Pôles invités et état de leur réponse")).to_contain_text("Pas commencée")
    journey.visit("/reseau/campagnes/nouvelle/")
    journey.visit(f"/reseau/campagnes/{campaign.pk}/")
    with journey.navigation():
        page.get_by_role("link", name="Voir les résultats").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Résultats")
