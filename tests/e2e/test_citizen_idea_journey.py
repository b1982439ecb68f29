"""A citizen's idea from the first click to « what next », as a visitor meets it: « Proposer
une idée » → a login page that says why → sign-up → the confirmation e-mail's link → back
on the idea form, signed in → submit → the « what next » page → the coordinator moves the
idea to « Structuration » → the holder finds it in her notifications (grouped by day,
linked to the idea, marked read on opening) and an e-mail went out."""

import re

from django.core import mail
from playwright.sync_api import expect

from peps.core.testing import factories as f
from peps.notifications.models import Notification
from peps.projects.models import Project

EMAIL = "lea.citoyenne@example.org"
PASSWORD = "une-phrase-de-passe-solide-2026"
TITLE = "Atelier vélo solidaire de Mably"


def confirmation_path() -> str:
    messages = [m for m in mail.outbox if EMAIL in m.to]
    assert messages, f"no confirmation e-mail to {EMAIL}; outbox: {[m.subject for m in mail.outbox]}"
    match = re.search(r"https?://[^/\s]+(/compte/confirm-email/[^\s]+/)", messages[-1].body)
    assert match, f"no confirmation link in: {messages[-1].body}"
    return match.group(1)


def test_from_proposer_une_idee_to_the_first_stage_change(journey_factory, db):
    pole = f.PoleFactory(slug="pollens", name="POLLENS — Roannais", short_name="POLLENS")
    f.CommuneFactory(code="42127", name="Mably", search_name="mably")
    coordinator = f.member_of(pole, role="coordinator", email="claire.coordination@example.org", display_name="Claire")
    citizen = journey_factory("citizen")
    page = citizen.page

    # A visitor clicks « Proposer une idée »: the login page says why it is asked.
    citizen.visit("/p/pollens/projets/")
    with citizen.navigation():
        page.get_by_role("main").get_by_role("link", name="Proposer une idée", exact=True).click()
    expect(page.get_by_role("main")).to_contain_text(
        "Pour proposer une idée à POLLENS, connectez-vous ou créez un compte en une minute."
    )

    # No account yet: sign up (the sign-up page keeps the reason, and where she was heading).
    with citizen.navigation():
        page.get_by_role("main").get_by_role("link", name="Créer un compte").click()
    expect(page.get_by_role("main")).to_contain_text("Pour proposer une idée à POLLENS")
    form = page.locator("main form")
    form.get_by_label(re.compile(r"^Nom affiché", re.I)).fill("Léa Morel")
    form.get_by_label(re.compile(r"^(Courriel|Adresse e-mail|E-mail)", re.I)).fill(EMAIL)
    form.get_by_label(re.compile(r"^Mot de passe\s*(\*|:)?\s*$", re.I)).fill(PASSWORD)
    form.get_by_label(re.compile(r"^Mot de passe \(", re.I)).fill(PASSWORD)
    with citizen.navigation():
        form.get_by_role("button", name=re.compile("Créer|Création|Inscription", re.I)).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(re.compile("e-mail|adresse", re.I))

    # The link of the e-mail, then « Confirmer »: signed in, and back on the idea form.
    citizen.visit(confirmation_path())
    with citizen.navigation():
        page.get_by_role("main").get_by_role("button", name=re.compile("Confirmer", re.I)).click()
    expect(page).to_have_url(re.compile(r"/p/pollens/projets/proposer/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Proposer une idée")
    expect(page.get_by_role("link", name="Se déconnecter")).to_be_visible()

    # The form asks what a citizen knows; no economic model, no Markdown.
    main = page.get_by_role("main")
    expect(main).not_to_contain_text("Modèle économique")
    expect(main).not_to_contain_text("Markdown")
    form = page.locator("main form")
    form.get_by_label(re.compile(r"^Le nom de votre idée", re.I)).fill(TITLE)
    form.get_by_label(re.compile(r"^L’idée en une phrase", re.I)).fill("Réparer ses vélos ensemble, à petit prix.")
    form.get_by_label(re.compile(r"^Ce que vous voulez faire", re.I)).fill(
        "Un atelier ouvert deux soirs par semaine.\n\n- des outils partagés\n- des bénévoles"
    )
    form.get_by_label(re.compile(r"^Qui est impliqué", re.I)).fill("Le comité des fêtes et deux mécaniciens retraités.")
    form.get_by_label(re.compile(r"^Où\s*\?", re.I)).fill("Mably (42)")
    form.get_by_label(re.compile(r"^Domaine", re.I)).select_option(label="Services écologiques")
    citizen.check_a11y()
    with citizen.navigation():
        form.get_by_role("button", name="Déposer l’idée").click()

    # « What next »: who reads it, within how long, the stages ahead.
    expect(page.get_by_role("heading", level=1)).to_have_text("Merci, votre idée est déposée")
    main = page.get_by_role("main")
    expect(main).to_contain_text("l’équipe de coordination de POLLENS")
    expect(main).to_contain_text("sous 15 jours")
    expect(main.locator("[aria-current=step]")).to_contain_text("Idée déposée")
    expect(main).to_contain_text("Structuration de l’idée")
    project = Project.objects.get(title=TITLE)
    assert project.holder.email == EMAIL and project.economic_model == ""
    # The coordination was told in the app (and by e-mail, as Claire chose).
    assert Notification.objects.filter(recipient=coordinator, kind="projects.submitted").exists()

    # The coordinator moves the idea to « Structuration » from its page.
    staff = journey_factory("coordinator")
    staff.sign_in(coordinator.email)
    staff.visit(project.get_absolute_url())
    move = staff.page.locator("#stage form")
    move.get_by_label("Nouvelle étape").select_option(label="Structuration de l’idée")
    move.get_by_role("button", name="Changer l’étape").click()
    expect(staff.page.locator("#stage")).to_contain_text("Étape actuelle : Structuration de l’idée")

    # The holder: an e-mail went out, and her notifications page shows it, linked to the idea.
    subject = f"Votre projet « {TITLE} » passe à l’étape « Structuration de l’idée »"
    assert any(EMAIL in m.to and subject in m.subject for m in mail.outbox), [m.subject for m in mail.outbox]
    citizen.visit("/notifications/")
    expect(page.get_by_role("heading", level=2, name="Aujourd’hui")).to_be_visible()
    # Pages set French typography (thin no-break spaces inside « »): match the words.
    link = page.get_by_role("main").get_by_role("link", name=re.compile(r"passe à l’étape\W+Structuration"))
    expect(link).to_be_visible()
    with citizen.navigation():
        link.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(page.get_by_role("main").locator("[aria-current=step]")).to_contain_text("Structuration de l’idée")
    notification = Notification.objects.get(recipient=project.holder, kind="projects.stage_changed")
    assert notification.read_at is not None
