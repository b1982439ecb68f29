"""A neighbour subscribes to POLLENS' newsletter and confirms her address; the coordinator
composes a newsletter, previews it and sends it once; the neighbour unsubscribes from the
link in the e-mail, without an account."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from peps.core.testing import factories as f
from peps.newsletters import services
from peps.newsletters.models import Delivery, Newsletter, NewsletterStatus

SUBJECT = "Les nouvelles du printemps"
BODY = "Bonjour,\n\nLa **Bourse aux projets** revient le 12 juin.\n\n- inscriptions ouvertes\n- entrée libre"


@pytest.fixture(autouse=True)
def _inline_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


def _path(url: str) -> str:
    return re.sub(r"^https?://[^/]+", "", url)


def test_subscribe_send_once_and_unsubscribe(journey_factory, db, settings):
    pole = f.PoleFactory(slug="pollens", name="POLLENS — Roannais", short_name="POLLENS")
    coordinator = f.member_of(pole, role="coordinator", email="claire@example.org", display_name="Claire")
    marc = f.member_of(pole, email="marc@example.org", display_name="Marc")
    services.subscription_consent(pole=pole, user=marc)

    # A neighbour without an account subscribes, then confirms from the e-mail.
    visitor = journey_factory("visitor")
    vpage = visitor.page
    visitor.visit(f"/p/{pole.slug}/lettres/inscription/")
    form = vpage.locator("main form")
    # The consent box is required (checked by the browser, and by the server: see the unit tests).
    form.get_by_label("Votre adresse e-mail").fill("voisine@example.org")
    form.get_by_label(re.compile("J’accepte de recevoir")).check()
    with visitor.navigation():
        form.get_by_role("button", name="M’inscrire").click()
    expect(vpage.get_by_role("heading", level=1)).to_have_text("Confirmez votre adresse")
    confirm = re.search(r"https?://\S+/confirmer/\S+", mail.outbox[-1].body).group(0)
    visitor.visit(_path(confirm))
    with visitor.navigation():
        vpage.get_by_role("button", name="Oui, je confirme").click()
    expect(vpage.get_by_role("heading", level=1)).to_have_text("Inscription confirmée")

    # The coordinator composes, previews, saves and sends.
    claire = journey_factory("coordinator")
    page = claire.page
    claire.sign_in(coordinator.email)
    claire.visit(f"/p/{pole.slug}/lettres/")
    with claire.navigation():
        page.get_by_role("link", name="Rédiger une lettre").click()
    form = page.locator("main form")
    form.get_by_label("Objet").fill(SUBJECT)
    form.get_by_label("Texte").fill(BODY)
    with claire.navigation():
        form.get_by_role("button", name="Prévisualiser").click()
    preview = page.locator("section").filter(has=page.get_by_role("heading", name="Aperçu"))
    expect(preview.locator("strong", has_text="Bourse aux projets")).to_be_visible()
    with claire.navigation():
        page.locator("main form").get_by_role("button", name="Enregistrer le brouillon").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(SUBJECT)
    expect(page.locator("main")).to_contain_text("2 abonnements actifs")
    sent_before = len(mail.outbox)
    with claire.navigation():
        page.get_by_role("button", name="Envoyer la lettre aux abonnés").click()
    expect(page.locator("main")).to_contain_text("La lettre part vers 2 destinataire(s)")
    deliveries = page.locator("table").filter(has=page.get_by_text("voisine@example.org"))
    expect(deliveries).to_contain_text("marc@example.org")
    expect(page.get_by_role("button", name="Envoyer la lettre aux abonnés")).to_have_count(0)
    newsletter = Newsletter.objects.get(subject=SUBJECT)
    assert newsletter.status == NewsletterStatus.SENT
    assert Delivery.objects.filter(newsletter=newsletter, status="sent").count() == 2
    sent = mail.outbox[sent_before:]
    assert sorted(m.to[0] for m in sent) == ["marc@example.org", "voisine@example.org"]
    claire.visit(f"/p/{pole.slug}/lettres/")
    expect(page.locator("main table")).to_contain_text("Envoyée")
    claire.visit(f"/p/{pole.slug}/lettres/abonnes/")
    expect(page.locator("main table")).to_contain_text("voisine@example.org")

    # The neighbour unsubscribes from the link in her e-mail.
    to_her = next(m for m in sent if m.to == ["voisine@example.org"])
    unsubscribe = to_her.extra_headers["List-Unsubscribe"].strip("<>")
    assert unsubscribe in to_her.body
    visitor.visit(_path(unsubscribe))
    with visitor.navigation():
        vpage.get_by_role("button", name="Confirmer la désinscription").click()
    expect(vpage.get_by_role("heading", level=1)).to_have_text("Désinscription enregistrée")
    assert [a for _pk, a in services.selectors.recipients_of(pole)] == ["marc@example.org"]

    # A member of the pole who is not a coordinator is refused the coordination's pages.
    member = journey_factory("member")
    member.sign_in(marc.email)
    member.visit(f"/p/{pole.slug}/lettres/", status=403)
