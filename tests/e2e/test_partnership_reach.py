"""A partnership proposed to a structure that nobody represents on PEPS reaches it: the
member sees who will receive it, the structure's directory address gets an e-mail with a
signed link, and its person answers from that link without an account."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from peps.core.testing import factories as f
from peps.notifications.models import Notification
from peps.partnerships.models import Category, Partnership, PartnershipStatus
from peps.partnerships.tests.factories import NeedFactory, OfferFactory

OFFER = "Chambre froide partagée à Roanne"


@pytest.fixture(autouse=True)
def _inline_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


def test_a_proposal_to_a_structure_without_representative_is_answered_from_the_email(journey_factory, pole, settings):
    holder = f.member_of(pole, email="hugo.porteur@example.org", display_name="Hugo")
    roanne = f.CommuneFactory(code="42187", name="Roanne", latitude=46.0344, longitude=4.0728, population=34000)
    project = f.ProjectFactory(pole=pole, holder=holder, commune=roanne, title="Conserverie solidaire")
    need = NeedFactory(
        pole=pole,
        project=project,
        commune=roanne,
        category=Category.PREMISES,
        title="Une chambre froide à Roanne",
        description="Pour stocker les légumes avant la mise en bocaux, deux jours par semaine à Roanne.",
    )
    cannery = f.StructureFactory(
        pole=pole, commune=roanne, name="Légumerie du Roannais", slug="legumerie", email="contact@legumerie.example"
    )
    OfferFactory(
        pole=pole,
        structure=cannery,
        commune=roanne,
        category=Category.PREMISES,
        title=OFFER,
        description="Notre chambre froide de 20 m² à Roanne est libre deux jours par semaine pour stocker des légumes.",
    )

    hugo = journey_factory("holder")
    page = hugo.page
    hugo.sign_in(holder.email)
    hugo.visit(need.get_absolute_url())
    suggestions = page.locator("section").filter(has=page.get_by_role("heading", name="Partenaires suggérés"))
    card = suggestions.locator("ol.suggestions > li").filter(has_text=OFFER)
    # Before proposing, Hugo reads who will receive it.
    expect(card).to_contain_text("Qui la reçoit")
    expect(card).to_contain_text("l’adresse e-mail de sa fiche")
    card.get_by_label(re.compile(f"^{OFFER}")).check()
    suggestions.get_by_label("Votre message").fill("Bonjour, votre chambre froide nous irait très bien.")
    mail.outbox.clear()
    with hugo.navigation():
        suggestions.get_by_role("button", name="Proposer un partenariat").click()
    expect(page.locator("main")).to_contain_text("Partenariat proposé : Légumerie du Roannais")
    partnership = Partnership.objects.get()
    assert partnership.reached_via == "email"

    # The structure's directory address receives the proposal with its answer link.
    (email,) = [m for m in mail.outbox if m.to == ["contact@legumerie.example"]]
    assert "Conserverie solidaire" in email.subject
    link = re.search(r"https?://\S+(/p/\S+/reponse/\S+/)", email.body).group(1)
    assert "/representer/" in email.body

    # Hugo's page says where the proposal went, not « en attente » forever.
    hugo.visit(partnership.get_absolute_url())
    expect(page.locator("main")).to_contain_text("adresse e-mail de la structure")

    # Someone at the cannery, without an account, opens the link and asks a question first.
    cannery_journey = journey_factory("structure")
    other = cannery_journey.page
    cannery_journey.visit(link)
    expect(other.get_by_role("heading", level=1)).to_contain_text("Conserverie solidaire")
    expect(other.get_by_role("link", name="Revendiquer la structure")).to_be_visible()
    question = other.locator("form").filter(has=other.get_by_label("Votre question"))
    question.get_by_label("Votre nom").fill("Jeanne Morel")
    question.get_by_label("Votre question").fill("Pour combien de mois ?")
    with cannery_journey.navigation():
        question.get_by_role("button", name="Poser ma question").click()
    expect(other.locator("main")).to_contain_text("Votre question est transmise")
    assert Notification.objects.filter(recipient=holder, kind="partnerships.question").exists()

    # Declining without a reason is refused, accepting works.
    answer = other.locator("form").filter(has=other.get_by_role("button", name="Envoyer ma réponse"))
    answer.get_by_label("Votre nom").fill("Jeanne Morel")
    answer.get_by_label("J’accepte").check()
    mail.outbox.clear()
    with cannery_journey.navigation():
        answer.get_by_role("button", name="Envoyer ma réponse").click()
    expect(other.locator("main")).to_contain_text("le partenariat est accepté")
    partnership.refresh_from_db()
    assert partnership.status == PartnershipStatus.ACCEPTED

    # Hugo is told, in the app and by e-mail, and sees who answered.
    assert any(holder.email in m.to for m in mail.outbox)
    hugo.visit(partnership.get_absolute_url())
    expect(page.locator("main")).to_contain_text("Accepté")
    expect(page.locator("main")).to_contain_text("Jeanne Morel (Légumerie du Roannais)")
