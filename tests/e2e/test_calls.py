"""A national call for projects from publication to selection: the network administrator
publishes it, a would-be pole applies (draft, then submission with a receipt), a member of
the steering committee scores it, and the administrator records the selection and tells
the applicant. axe-core checks every page."""

import datetime
import re

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from peps.calls.models import Application, CallField, CallStatus, Criterion, Decision, FieldKind
from peps.calls.tests.factories import CallFactory
from peps.core.testing import factories as f

TITLE = "Appel national « Pôles témoins »"


@pytest.fixture(autouse=True)
def _inline_tasks(settings, tmp_path):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.mark.slow
def test_a_call_runs_from_publication_to_selection(journey_factory, db):
    admin_user = f.UserFactory(email="admin@example.org", display_name="Administration", is_superuser=True)
    porteur = f.UserFactory(email="porteuse@example.org", display_name="Paula")
    rita = f.UserFactory(email="rita.comite@example.org", display_name="Rita")
    call = CallFactory(
        title=TITLE,
        status=CallStatus.DRAFT,
        opens_at=timezone.now() - datetime.timedelta(hours=1),
        closes_at=timezone.now() + datetime.timedelta(days=20),
    )
    CallField.objects.create(
        call=call, position=1, label="Présentation du pôle", kind=FieldKind.LONG_TEXT, required=True
    )
    CallField.objects.create(
        call=call, position=2, label="Stade", kind=FieldKind.CHOICE, required=True, choices="Opérationnel\nEn émergence"
    )
    CallField.objects.create(call=call, position=3, label="Statuts", kind=FieldKind.FILE)
    ancrage = Criterion.objects.create(call=call, position=1, label="Ancrage territorial", weight=3)
    cooperation = Criterion.objects.create(call=call, position=2, label="Coopérations diversifiées", weight=1)

    # The administrator publishes the call from its editor.
    admin = journey_factory("admin")
    admin.sign_in(admin_user.email)
    admin.visit(f"/reseau/appels/{call.pk}/modifier/")
    with admin.navigation():
        admin.page.get_by_role("button", name="Publier l’appel").click()
    expect(admin.page.locator("main")).to_contain_text("L’appel est maintenant : Publié.")

    # A would-be pole finds the call and starts a draft.
    paula = journey_factory("applicant")
    page = paula.page
    paula.visit("/reseau/appels/")
    with paula.navigation():
        page.get_by_role("link", name=TITLE).click()
    paula.sign_in(porteur.email)
    paula.visit(f"/reseau/appels/{call.pk}/")
    with paula.navigation():
        page.get_by_role("link", name="Répondre à l’appel").click()
    form = page.locator("main form")
    form.get_by_label("Manifestation d’intérêt").check()
    form.get_by_label("Un pôle en projet, pas encore sur la plateforme").check()
    form.get_by_label("Nom du pôle en projet").fill("PTCE des Baronnies")
    form.get_by_label("Territoire").fill("Baronnies provençales (Drôme)")
    with paula.navigation():
        form.get_by_role("button", name="Commencer le dossier").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Dossier de PTCE des Baronnies")

    # Submitting too early explains what is missing and keeps the draft.
    form = page.locator("main form").first
    form.get_by_label(re.compile("^Présentation du pôle")).fill("Un pôle rural autour du tilleul et des plantes.")
    with paula.navigation():
        form.get_by_role("button", name="Déposer la candidature").click()
    expect(page.locator("main")).to_contain_text("Cette réponse est obligatoire pour déposer la candidature.")
    form = page.locator("main form").first
    form.get_by_label(re.compile("^Stade")).select_option("En émergence")
    form.get_by_label(re.compile("^Statuts")).set_input_files(
        files=[{"name": "statuts.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4\nstatuts\n"}]
    )
    with paula.navigation():
        form.get_by_role("button", name="Enregistrer le brouillon").click()
    expect(page.locator("main")).to_contain_text("Brouillon enregistré.")
    expect(page.locator("main")).to_contain_text("statuts.pdf")
    with paula.navigation():
        page.locator("main form").first.get_by_role("button", name="Déposer la candidature").click()
    application = Application.objects.get(call=call)
    expect(page.get_by_role("heading", level=1)).to_contain_text(f"Récépissé de dépôt n° {application.reference}")
    assert any(application.reference in m.subject for m in mail.outbox)
    paula.visit("/reseau/appels/mes-candidatures/")
    expect(page.locator("main")).to_contain_text("PTCE des Baronnies")

    # The administrator names Rita to the committee and distributes the applications.
    admin.visit(f"/reseau/appels/{call.pk}/candidatures/")
    expect(admin.page.locator("main")).to_contain_text("PTCE des Baronnies")
    admin.visit(f"/reseau/appels/{call.pk}/comite/")
    admin.page.get_by_label("E-mail de la personne à nommer").fill(rita.email)
    with admin.navigation():
        admin.page.get_by_role("button", name="Nommer au comité").click()
    admin.page.get_by_label("Évaluateurs par candidature").fill("1")
    with admin.navigation():
        admin.page.get_by_role("button", name="Répartir équitablement").click()
    expect(admin.page.locator("main")).to_contain_text("1 affectation(s) ajoutée(s).")

    # Rita sees only her assignment and scores it.
    reviewer = journey_factory("reviewer")
    reviewer.sign_in(rita.email)
    reviewer.visit("/reseau/appels/evaluations/")
    with reviewer.navigation():
        reviewer.page.get_by_role("link", name=re.compile("PTCE des Baronnies")).click()
    expect(reviewer.page.locator("main")).to_contain_text("Un pôle rural autour du tilleul")
    for criterion, score in ((ancrage, "4"), (cooperation, "3")):
        block = reviewer.page.locator("fieldset.criterion").filter(has_text=criterion.label)
        block.get_by_label(re.compile("^Note")).select_option(score)
        block.get_by_label("Commentaire").fill(f"Avis sur {criterion.label.lower()}.")
    with reviewer.navigation():
        reviewer.page.get_by_role("button", name="Enregistrer mon évaluation").click()
    expect(reviewer.page.locator("main")).to_contain_text("Évaluation enregistrée et complète.")

    # The administrator closes the call, retains the application and sends the outcomes.
    admin.visit(f"/reseau/appels/{call.pk}/modifier/")
    with admin.navigation():
        admin.page.get_by_role("button", name="Clore l’appel").click()
    admin.visit(f"/reseau/appels/{call.pk}/resultats/")
    row = admin.page.locator("tbody tr").filter(has_text="PTCE des Baronnies")
    expect(row).to_contain_text("75,00")  # (3 × 4/5 + 1 × 3/5) / 4 × 100
    row.get_by_label(f"Décision pour {application.reference}").select_option(Decision.RETAINED)
    row.get_by_label("Commentaire sur la décision").fill("Retenu comme pôle témoin.")
    with admin.navigation():
        row.get_by_role("button", name=re.compile("Enregistrer")).click()
    with admin.navigation():
        admin.page.get_by_role("button", name="Envoyer les résultats aux candidats").click()
    expect(admin.page.locator("main")).to_contain_text("Les résultats sont envoyés à 1 candidat(s).")
    call.refresh_from_db()
    assert call.status == CallStatus.DECIDED
    assert any("retenu la candidature" in m.body for m in mail.outbox)

    # The applicant sees the outcome.
    paula.visit(f"/reseau/appels/candidatures/{application.pk}/")
    expect(page.locator("main")).to_contain_text("Retenue")
