"""A citizen signs up (confirmation link read from the test outbox), submits an idea to
the pole, and finds it on its page and in the pole's project list."""

import re

from django.core import mail
from playwright.sync_api import expect

from peps.accounts.models import User
from peps.core.testing import factories as f
from peps.projects.models import Project

EMAIL = "zoe.citoyenne@example.org"
GOOD_PASSWORD = "une-phrase-de-passe-solide-2026"
TITLE = "Recyclerie solidaire du Coteau"


def fill_signup(form, *, password2: str):
    form.get_by_label(re.compile(r"^(Courriel|Adresse e-mail|E-mail)", re.I)).fill(EMAIL)
    form.get_by_label(re.compile(r"^Nom affiché", re.I)).fill("Zoé Martin")
    form.get_by_label(re.compile(r"^Mot de passe\s*(\*|:)?\s*$", re.I)).fill(GOOD_PASSWORD)
    form.get_by_label(re.compile(r"^Mot de passe \(", re.I)).fill(password2)


def confirmation_path() -> str:
    messages = [m for m in mail.outbox if EMAIL in m.to]
    assert messages, f"no confirmation e-mail sent to {EMAIL}; outbox: {[m.subject for m in mail.outbox]}"
    match = re.search(r"https?://[^/\s]+(/compte/confirm-email/[^\s]+/)", messages[-1].body)
    assert match, f"no confirmation link in: {messages[-1].body}"
    return match.group(1)


def test_citizen_signs_up_confirms_and_submits_an_idea(journey, db):
    pole = f.PoleFactory(slug="pollens", name="POLLENS — Roannais", short_name="POLLENS")
    f.CommuneFactory(code="42187", name="Roanne", search_name="roanne")
    page = journey.page

    # From the pole's home (the network home is slow to build under load: not this journey's subject).
    journey.visit(f"/p/{pole.slug}/")
    with journey.navigation():
        page.get_by_role("banner").get_by_role("link", name="Créer un compte").click()

    # A mismatched confirmation: the form comes back with the error, and what was typed.
    form = page.locator("main form")
    fill_signup(form, password2="une-autre-phrase-de-passe")
    with journey.navigation():
        form.get_by_role("button", name=re.compile("Créer|Création|Inscription", re.I)).click()
    expect(page.get_by_text("Vous devez saisir deux fois le même mot de passe.")).to_be_visible()
    expect(form.get_by_label(re.compile(r"^(Courriel|Adresse e-mail|E-mail)", re.I))).to_have_value(EMAIL)
    assert not User.objects.filter(email=EMAIL).exists()

    # Properly this time.
    form = page.locator("main form")
    fill_signup(form, password2=GOOD_PASSWORD)
    with journey.navigation():
        form.get_by_role("button", name=re.compile("Créer|Création|Inscription", re.I)).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(re.compile("e-mail|adresse", re.I))
    assert User.objects.get(email=EMAIL).display_name == "Zoé Martin"

    # The link of the e-mail opens a page that asks to confirm (no change on a bare GET).
    journey.visit(confirmation_path())
    with journey.navigation():
        page.get_by_role("main").get_by_role("button", name=re.compile("Confirmer", re.I)).click()
    expect(page.get_by_role("link", name="Se déconnecter")).to_be_visible()
    expect(page.get_by_role("link", name="Zoé Martin")).to_be_visible()

    submit_idea_and_find_it(journey, pole)


def submit_idea_and_find_it(journey, pole):
    """The idea, submitted from the pole's project list by the signed-in citizen."""
    page = journey.page
    journey.visit(f"/p/{pole.slug}/")
    with journey.navigation():
        page.get_by_role("navigation", name="Navigation du pôle").get_by_role("link", name="Projets").click()
    with journey.navigation():
        page.get_by_role("main").get_by_role("link", name="Proposer une idée", exact=True).click()
    form = page.locator("main form")
    form.get_by_label(re.compile(r"^Le nom de votre idée", re.I)).fill(TITLE)
    form.get_by_label(re.compile(r"^L’idée en une phrase", re.I)).fill(
        "Donner une seconde vie aux objets et créer deux emplois d’insertion."
    )
    form.get_by_label(re.compile(r"^Ce que vous voulez faire", re.I)).fill(
        "Un lieu de collecte, de réparation et de vente."
    )
    form.get_by_label(re.compile(r"^Domaine", re.I)).select_option(label="Services écologiques")
    form.get_by_label(re.compile(r"^Visibilité", re.I)).select_option(label="Public")
    # A typo in the commune: the form comes back with a clear message and keeps the rest.
    commune = form.get_by_label(re.compile(r"^Où\s*\?", re.I))
    commune.press_sequentially("Ronne", delay=20)
    with journey.navigation():
        form.get_by_role("button", name="Déposer l’idée").click()
    form = page.locator("main form")
    expect(page.get_by_role("alert")).to_be_visible()
    expect(form).to_contain_text("Commune inconnue")
    expect(form.get_by_label(re.compile(r"^Le nom de votre idée", re.I))).to_have_value(TITLE)
    expect(form.get_by_label(re.compile(r"^Domaine", re.I))).to_have_value("ecology")
    commune = form.get_by_label(re.compile(r"^Où\s*\?", re.I))
    commune.fill("")
    commune.press_sequentially("Roan", delay=20)
    # The suggestions (htmx) offer the commune under the label the field understands.
    expect(page.locator("#commune-suggestions option[value='Roanne (42)']")).to_have_count(1)
    commune.press_sequentially("ne (42)", delay=20)
    journey.check_a11y()  # the form, filled in, with its suggestions
    with journey.navigation():
        form.get_by_role("button", name="Déposer l’idée").click()

    # The « what next » page, then the idea's own page.
    expect(page.get_by_role("heading", level=1)).to_have_text("Merci, votre idée est déposée")
    expect(page.get_by_role("status")).to_contain_text(TITLE)
    with journey.navigation():
        page.get_by_role("link", name="Voir la page de mon idée").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    facts = page.locator("dl.facts").first
    expect(facts).to_contain_text("Zoé Martin")
    expect(facts).to_contain_text("Roanne")
    expect(facts).to_contain_text("Services écologiques")
    project = Project.objects.get(title=TITLE)
    assert project.pole == pole and project.commune_id == "42187" and project.holder.email == EMAIL
    assert project.visibility == "public" and project.domain == "ecology" and project.economic_model == ""

    with journey.navigation():
        page.get_by_role("link", name="Toutes les idées et tous les projets").click()
    card = page.get_by_role("article").filter(has=page.get_by_role("link", name=TITLE))
    expect(card).to_contain_text("Idée déposée")
    expect(card).to_contain_text("Roanne (42)")

    # The citizen's own profile lists the idea too.
    with journey.navigation():
        page.get_by_role("navigation", name="Compte et langue").get_by_role("link", name="Zoé Martin").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mon profil")
    expect(page.get_by_role("main").get_by_role("link", name=TITLE)).to_be_visible()
