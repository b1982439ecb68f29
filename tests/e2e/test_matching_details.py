"""A project holder answers the need form's optional questions in plain French (how many
people, which days, when); the room too small comes after the one that fits, with why, and the
relevance is said in words."""

import pytest
from playwright.sync_api import expect

from peps.core.testing import factories as f
from peps.partnerships.models import Category, Need
from peps.partnerships.tests.factories import OfferFactory

NEED = "Une salle pour notre atelier d’écriture"


@pytest.fixture
def roanne(pole):
    return f.CommuneFactory(code="42187", name="Roanne", latitude=46.0344, longitude=4.0728, population=34000)


def test_the_need_forms_details_rank_a_room_too_small_after_one_that_fits(journey_factory, pole, roanne):
    holder = f.member_of(pole, role="member", email="hugo.porteur@example.org", display_name="Hugo")
    project = f.ProjectFactory(pole=pole, holder=holder, commune=roanne, title="Atelier d’écriture", summary="Écrire.")
    for name, capacity in (("Petite salle de 12 places", 12), ("Salle d’activité de 30 places", 30)):
        OfferFactory(
            pole=pole,
            structure=f.StructureFactory(pole=pole, commune=roanne, name=f"Structure {capacity}"),
            commune=roanne,
            category=Category.PREMISES,
            kind="meeting_room",
            capacity=capacity,
            title=name,
            description="Une salle pour les associations, libre le soir en semaine.",
        )

    hugo = journey_factory("holder")
    page = hugo.page
    hugo.sign_in(holder.email)
    hugo.visit(f"/p/{pole.slug}/projets/{project.pk}/")
    with hugo.navigation():
        page.get_by_role("link", name="Ajouter un besoin").first.click()
    form = page.locator("main form")
    expect(form.get_by_role("group", name="Pour trouver les bons partenaires (facultatif)")).to_be_visible()
    form.get_by_label("Catégorie").select_option(label="Local ou espace")
    form.get_by_label("Le besoin en quelques mots").fill(NEED)
    form.get_by_label("Description").fill("Nous écrivons ensemble chaque mardi soir, une quinzaine de personnes.")
    form.get_by_label("Autour d’une commune").check()
    form.get_by_label("Commune", exact=True).fill("Roanne (42)")
    form.get_by_label("De quoi s’agit-il exactement ?").select_option(label="Salle de réunion ou d’activité")
    form.get_by_label("Pour combien de personnes ?").fill("15")
    form.get_by_role("group", name="Quels jours ?").get_by_label("mardi").check()
    form.get_by_role("group", name="À quel moment de la journée ?").get_by_label("le soir").check()
    with hugo.navigation():
        form.get_by_role("button", name="Publier le besoin").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(NEED)
    need = Need.objects.get()
    assert (need.capacity, need.weekdays, need.day_parts) == (15, ["tue"], ["evening"])

    suggestions = page.locator("section").filter(has=page.get_by_role("heading", name="Partenaires suggérés"))
    cards = suggestions.locator("ol.suggestions > li")
    expect(cards.nth(0)).to_contain_text("Salle d’activité de 30 places")
    expect(cards.nth(0)).to_contain_text("jusqu’à 30 personnes")
    expect(cards.nth(1)).to_contain_text("Petite salle de 12 places")
    expect(cards.nth(1)).to_contain_text("salle de 12 places : trop petite pour 15 personnes")
    expect(cards.nth(1)).to_contain_text("à explorer")
    expect(suggestions).not_to_contain_text("sur 1")
