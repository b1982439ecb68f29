"""A project holder publishes a need, finds the nearby offers first with their reasons,
proposes a partnership; the partner's representative accepts it in another session."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from peps.core.testing import factories as f
from peps.partnerships.models import Category, Need, Partnership, PartnershipStatus
from peps.partnerships.tests.factories import OfferFactory, representative_of

NEED = "Un local de 50 m² à Roanne deux soirs par semaine"
DESCRIPTION = "Pour nos soirées lecture du café solidaire : une salle de 50 m² le mardi et le jeudi soir, à Roanne."
ROOM = "Salle de réunion de 60 m² libre en soirée"
MESSAGE = "Bonjour, notre café-lecture cherche une salle deux soirs par semaine : pouvons-nous en parler ?"


@pytest.fixture(autouse=True)
def _inline_tasks(settings):
    # Notifications go through the task queue: run it inline, as PEPS_TESTING=1 does.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


@pytest.fixture
def roannais(pole):
    """Roanne and two neighbouring communes with real coordinates, and Saint-Étienne far away."""
    return {
        "roanne": f.CommuneFactory(code="42187", name="Roanne", latitude=46.0344, longitude=4.0728, population=34000),
        "riorges": f.CommuneFactory(code="42184", name="Riorges", latitude=46.0431, longitude=4.0403, population=10800),
        "coteau": f.CommuneFactory(code="42071", name="Le Coteau", latitude=46.0192, longitude=4.0919, population=6900),
        "saint_etienne": f.CommuneFactory(
            code="42218", name="Saint-Étienne", latitude=45.4339, longitude=4.3900, population=173000
        ),
    }


def test_holder_finds_a_room_proposes_a_partnership_and_the_partner_accepts(journey_factory, pole, roannais, settings):
    holder = f.member_of(pole, role="member", email="hugo.porteur@example.org", display_name="Hugo")
    rose = f.member_of(pole, role="member", email="rose.mda@example.org", display_name="Rose")
    project = f.ProjectFactory(
        pole=pole, holder=holder, commune=roannais["roanne"], title="Café-lecture solidaire", summary="Lire ensemble."
    )
    house = f.StructureFactory(pole=pole, commune=roannais["roanne"], name="Maison des associations", slug="mda")
    representative_of(house, rose)
    OfferFactory(
        pole=pole,
        structure=house,
        commune=roannais["roanne"],
        created_by=rose,
        category=Category.PREMISES,
        title=ROOM,
        description="Notre grande salle de 60 m² est libre le soir en semaine, à Roanne, pour les associations.",
    )
    riorges = f.StructureFactory(pole=pole, commune=roannais["riorges"], name="Centre social de Riorges", slug="csr")
    OfferFactory(
        pole=pole,
        structure=riorges,
        commune=roannais["riorges"],
        category=Category.PREMISES,
        title="Bureau partagé à Riorges",
        description="Un petit bureau de 12 m² en journée.",
    )
    far = f.StructureFactory(pole=pole, commune=roannais["saint_etienne"], name="Atelier stéphanois", slug="atelier")
    OfferFactory(
        pole=pole,
        structure=far,
        commune=roannais["saint_etienne"],
        category=Category.EQUIPMENT,
        title="Prêt d’une bétonnière",
        description="Bétonnière électrique à prêter pour vos chantiers.",
    )

    hugo = journey_factory("holder")
    page = hugo.page
    hugo.sign_in(holder.email)
    hugo.visit(f"/p/{pole.slug}/projets/{project.pk}/")
    with hugo.navigation():
        page.get_by_role("link", name="Ajouter un besoin").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Café-lecture solidaire")

    # Sent empty: the errors are shown, accessibly, and nothing is published.
    form = page.locator("main form")
    expect(form.get_by_label("Commune", exact=True)).to_have_value("Roanne (42)")
    with hugo.navigation():
        form.get_by_role("button", name="Publier le besoin").click()
    expect(page.locator("main .field-error").first).to_be_visible()
    expect(page.locator("main")).to_contain_text("Décrivez-le")
    assert not Need.objects.exists()

    form = page.locator("main form")
    form.get_by_label("Catégorie").select_option(label="Local ou espace")
    form.get_by_label("Le besoin en quelques mots").fill(NEED)
    form.get_by_label("Description").fill(DESCRIPTION)
    form.get_by_label("Autour d’une commune").check()
    form.get_by_label("Commune", exact=True).fill("Roanne (42)")
    form.get_by_label("Distance maximale (km)").fill("20")
    with hugo.navigation():
        form.get_by_role("button", name="Publier le besoin").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(NEED)
    expect(page.get_by_role("status").or_(page.locator(".message")).first).to_contain_text("Le besoin est publié")

    # The Roanne room comes first, with its reasons; the far equipment is not above it.
    suggestions = page.locator("section").filter(has=page.get_by_role("heading", name="Partenaires suggérés"))
    cards = suggestions.locator("ol.suggestions > li")
    expect(cards.first).to_contain_text(ROOM)
    expect(cards.first).to_contain_text("Maison des associations")
    expect(cards.first).to_contain_text("Pourquoi :")
    expect(cards.first.locator("ul.reasons li").first).to_be_visible()
    titles = [text.split(" — ")[0].strip() for text in cards.locator("label").all_inner_texts()]
    assert titles[0] == ROOM, titles
    if "Prêt d’une bétonnière" in titles:
        assert titles.index("Prêt d’une bétonnière") > titles.index("Bureau partagé à Riorges"), titles

    # Proposing without choosing anybody is refused with a clear message.
    with hugo.navigation():
        suggestions.get_by_role("button", name="Proposer un partenariat").click()
    expect(page.locator("#targets-error")).to_contain_text("Cochez au moins une proposition.")
    assert not Partnership.objects.exists()

    suggestions = page.locator("section").filter(has=page.get_by_role("heading", name="Partenaires suggérés"))
    suggestions.get_by_label(re.compile(f"^{ROOM}")).check()
    suggestions.get_by_label("Votre message").fill(MESSAGE)
    mail.outbox.clear()
    with hugo.navigation():
        suggestions.get_by_role("button", name="Proposer un partenariat").click()
    expect(page.locator("main")).to_contain_text("Partenariat proposé : Maison des associations")
    partnership = Partnership.objects.get()
    assert partnership.partner_structure == house
    assert partnership.status == PartnershipStatus.PROPOSED
    proposed = [m for m in mail.outbox if rose.email in m.to]
    assert proposed, [(m.to, m.subject) for m in mail.outbox]
    assert "Proposition de partenariat" in proposed[0].subject

    # Rose, in her own browser, accepts.
    rose_journey = journey_factory("partner")
    rose_page = rose_journey.page
    rose_journey.sign_in(rose.email)
    rose_journey.visit(partnership.get_absolute_url())
    expect(rose_page.get_by_role("heading", level=1)).to_contain_text("Café-lecture solidaire")
    answer = rose_page.locator("section").filter(has=rose_page.get_by_role("heading", name="Votre réponse"))
    answer.get_by_label("J’accepte").check()
    with rose_journey.navigation():
        answer.get_by_role("button", name="Répondre").click()
    expect(rose_page.locator("main")).to_contain_text("Partenariat accepté.")
    expect(rose_page.locator("main .badge").first).to_contain_text("Accepté")
    partnership.refresh_from_db()
    assert partnership.status == PartnershipStatus.ACCEPTED
    answered = [m for m in mail.outbox if holder.email in m.to]
    assert answered and "Partenariat accepté" in answered[-1].subject, [(m.to, m.subject) for m in mail.outbox]

    # Both pages show it: the project's (Hugo) and the structure's (Rose).
    hugo.visit(f"/p/{pole.slug}/projets/{project.pk}/")
    on_project = page.locator("section").filter(has=page.get_by_role("heading", name="Partenariats", exact=True))
    expect(on_project).to_contain_text("« Café-lecture solidaire » avec Maison des associations")
    expect(on_project).to_contain_text("Accepté")
    with rose_journey.navigation():
        rose_page.locator("main dl.facts").get_by_role("link", name="Maison des associations").click()
    expect(rose_page.get_by_role("heading", level=1)).to_have_text("Maison des associations")
    on_structure = rose_page.locator("section").filter(
        has=rose_page.get_by_role("heading", name="Partenariats avec des projets du pôle")
    )
    expect(on_structure).to_contain_text("« Café-lecture solidaire » avec Maison des associations")
    expect(on_structure).to_contain_text("Accepté")
