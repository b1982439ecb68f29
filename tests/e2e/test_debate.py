"""A member opens the debate « Quel lieu pour la future ressourcerie ? », posts an argument
for and one against, another member replies, and the coordinator closes the debate with a
synthesis: the page then shows both columns and the synthesis at the top."""

import re

import pytest
from playwright.sync_api import expect

from peps.core.testing import factories as f
from peps.deliberation.models import Argument, Debate, DebateStatus, Reply

TITLE = "Quel lieu pour la future ressourcerie ?"
PRO = "L’ancienne usine du Coteau est desservie par deux lignes de bus."
CON = "La mise aux normes de l’usine coûterait plus de 300 000 €."
REPLY = "Le fonds friches de l’État peut couvrir une partie des travaux."
SYNTHESIS = "Démarrer aux Varennes, et monter le dossier « fonds friches » pour le Coteau."


@pytest.mark.slow
def test_members_debate_and_the_coordinator_closes_with_a_synthesis(journey_factory, db):
    pole = f.PoleFactory(slug="pollens", name="POLLENS — Roannais", short_name="POLLENS")
    f.member_of(pole, role="coordinator", email="claire@example.org", display_name="Claire")
    f.member_of(pole, role="member", email="marc@example.org", display_name="Marc")
    f.member_of(pole, role="member", email="mona@example.org", display_name="Mona")

    # Marc opens the debate and argues for and against.
    marc = journey_factory("marc")
    page = marc.page
    marc.sign_in("marc@example.org")
    marc.visit(f"/p/{pole.slug}/debats/")
    with marc.navigation():
        page.get_by_role("link", name="Ouvrir un débat").click()
    form = page.locator("main form")
    form.get_by_label(re.compile(r"^Question débattue")).fill(TITLE)
    form.get_by_label(re.compile(r"^Présentation")).fill("Deux lieux sont sur la table : le Coteau et les Varennes.")
    form.get_by_label(re.compile(r"^Visibilité")).select_option(label="Public")
    with marc.navigation():
        form.get_by_role("button", name="Ouvrir le débat").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    debate = Debate.objects.get(title=TITLE)

    # An empty argument: the form says so (htmx swaps the form in place).
    box = page.locator("#argument-form-box")
    box.get_by_label("Pour", exact=True).check()
    box.get_by_role("button", name="Publier").click()
    expect(page.locator("#argument-form-box")).to_contain_text("Écrivez votre argument.")
    marc.check_a11y()

    for stance, text in (("Pour", PRO), ("Contre", CON)):
        box = page.locator("#argument-form-box")
        box.get_by_label(stance, exact=True).check()
        box.get_by_label(re.compile(r"^Votre argument")).fill(text)
        box.get_by_role("button", name="Publier").click()
        expect(page.locator("#argument-form-box").get_by_role("status")).to_contain_text("Votre message est publié.")
    expect(page.locator("#column-pro")).to_contain_text(PRO)
    expect(page.locator("#column-con")).to_contain_text(CON)
    marc.check_a11y()
    assert Argument.objects.filter(debate=debate).count() == 2

    # Mona replies to the argument for.
    mona = journey_factory("mona")
    mona.sign_in("mona@example.org")
    mona.visit(debate.get_absolute_url())
    argument = mona.page.locator(f"#argument-{Argument.objects.get(stance='pro').pk}")
    argument.get_by_text("Répondre").click()
    argument.get_by_label(re.compile(r"^Votre réponse")).fill(REPLY)
    argument.get_by_role("button", name="Publier la réponse").click()
    expect(argument.locator(".replies")).to_contain_text(REPLY)
    mona.check_a11y()
    assert Reply.objects.get().author.email == "mona@example.org"

    # Claire, the coordinator, closes the debate with a synthesis.
    claire = journey_factory("claire")
    page = claire.page
    claire.sign_in("claire@example.org")
    claire.visit(debate.get_absolute_url())
    with claire.navigation():
        page.get_by_role("link", name="Clore le débat avec une synthèse").click()
    page.get_by_label(re.compile(r"^Synthèse du débat")).fill(SYNTHESIS)
    with claire.navigation():
        page.get_by_role("button", name="Clore le débat").click()
    expect(page.get_by_role("status")).to_contain_text("Le débat est clos")
    synthesis = page.get_by_role("region", name="Synthèse du débat")
    expect(synthesis).to_contain_text(SYNTHESIS)
    expect(page.get_by_role("region", name=re.compile("Arguments pour"))).to_contain_text(PRO)
    expect(page.get_by_role("region", name=re.compile("Arguments contre"))).to_contain_text(CON)
    expect(page.get_by_text(REPLY)).to_be_visible()
    # Side by side on a wide screen: the column "contre" starts at the height of "pour", to its right.
    pro_box = page.locator("#column-pro").bounding_box()
    con_box = page.locator("#column-con").bounding_box()
    assert con_box["x"] > pro_box["x"] + pro_box["width"] - 1 and abs(con_box["y"] - pro_box["y"]) < 5
    expect(page.locator("#argument-form")).to_have_count(0)
    claire.check_reflow()
    assert Debate.objects.get(pk=debate.pk).status == DebateStatus.CLOSED

    # A visitor reads the closed debate.
    visitor = journey_factory("visitor")
    visitor.visit(debate.get_absolute_url())
    expect(visitor.page.get_by_role("region", name="Synthèse du débat")).to_contain_text(SYNTHESIS)
    expect(visitor.page.get_by_text("Ce débat est clos")).to_be_visible()


@pytest.mark.slow
def test_consultation_and_moderation_pages_pass_axe(journey_factory, db):
    """The other pages of deliberation, filled in, for a member and for the coordinator:
    a consultation with proposals, a proposal to support, a form sent back with its errors,
    a report, the author's appeal, the moderation queue and its log."""
    from peps.deliberation import services
    from peps.deliberation.demo import seed_deliberation_demo
    from peps.deliberation.models import Consultation, Proposal

    pole = f.PoleFactory(slug="pollens", name="POLLENS — Roannais", short_name="POLLENS")
    claire = f.member_of(pole, role="coordinator", email="claire@example.org", display_name="Claire")
    marc = f.member_of(pole, role="member", email="marc@example.org", display_name="Marc")
    for index in range(4):
        f.member_of(pole, email=f"membre{index}@example.org", display_name=f"Membre {index}")
    seed_deliberation_demo(pole)
    consultation = Consultation.objects.get()
    debate = Debate.objects.get(title=TITLE)
    argument = Argument.objects.filter(debate=debate).order_by("pk").first()
    services.report_create(target=argument, by=marc, reason="Hors sujet.")
    hidden = Proposal.objects.exclude(author=marc).order_by("pk").last()
    services.message_hide(target=hidden, by=claire, reason="Doublon d’une autre proposition.")

    member = journey_factory("member")
    page = member.page
    member.sign_in("marc@example.org")
    member.visit(f"/p/{pole.slug}/debats/consultations/")
    with member.navigation():
        page.get_by_role("link", name=consultation.title).click()
    with member.navigation():
        page.get_by_role("link", name="Faire une proposition").click()
    form = page.locator("main form")
    form.get_by_label(re.compile(r"^Titre de la proposition")).fill("Un atelier vélo")
    with member.navigation():
        form.get_by_role("button", name="Publier la proposition").click()
    expect(page.get_by_role("alert").first).to_be_visible()
    form = page.locator("main form")
    form.get_by_label(re.compile(r"^Votre proposition")).fill("Réparer les vélos au centre de ressources.")
    with member.navigation():
        form.get_by_role("button", name="Publier la proposition").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Un atelier vélo")
    page.get_by_role("button", name="Soutenir cette proposition").click()
    expect(page.get_by_role("button", name="Retirer mon soutien")).to_be_visible()
    member.check_a11y()
    with member.navigation():
        page.get_by_role("link", name="Signaler cette proposition").click()
    member.visit(f"/p/{pole.slug}/debats/{debate.pk}/colonne/pro/?page=1")
    member.visit(f"/p/{pole.slug}/debats/{debate.pk}/arguments/{argument.pk}/")

    author = journey_factory("author")
    author.sign_in(hidden.author.email)
    author.visit(hidden.get_absolute_url())
    expect(author.page.get_by_text("Doublon d’une autre proposition.")).to_be_visible()
    with author.navigation():
        author.page.get_by_role("link", name="Faire appel de cette décision").click()
    author.page.get_by_label(re.compile(r"^Pourquoi ce message")).fill("Ce n’est pas un doublon : le lieu diffère.")
    with author.navigation():
        author.page.get_by_role("button", name="Envoyer mon appel").click()

    coordinator = journey_factory("coordinator")
    page = coordinator.page
    coordinator.sign_in("claire@example.org")
    coordinator.visit(Proposal.objects.get(title="Un atelier vélo").get_absolute_url())
    coordinator.visit(f"/p/{pole.slug}/debats/moderation/")
    expect(page.get_by_text("Hors sujet.")).to_be_visible()
    expect(page.get_by_text("Ce n’est pas un doublon")).to_be_visible()
    report_form = page.locator("article.queue-item").first
    report_form.get_by_label("Écarter le signalement").check()
    with coordinator.navigation():
        report_form.get_by_role("button", name="Appliquer la décision").click()
    expect(page.get_by_role("status")).to_contain_text("Le signalement est écarté")
    with coordinator.navigation():
        page.get_by_role("link", name="Journal de modération").click()
    expect(page.get_by_role("table")).to_contain_text("Signalement écarté")
    coordinator.visit(f"/p/{pole.slug}/debats/consultations/nouvelle/")
    coordinator.visit(f"/p/{pole.slug}/debats/ouvrir/")
