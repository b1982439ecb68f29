"""A coordinator schedules a Bourse aux projets in the exchange room, puts three projects on
the programme and invites two resource people; their advice, recorded on the session page,
lands in the presenting projects' support logs."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from peps.agenda.models import BourseContribution, Event, EventKind, PresentationSlot, ResourcePerson
from peps.commons.models import ResourceKind
from peps.commons.tests.factories import ResourceFactory
from peps.core.testing import factories as f
from peps.projects.models import SupportLogEntry

ROOM = "Salle d’échange"
TITLE = "Bourse aux projets d’hiver"
PROJECTS = ["Recyclerie du Coteau", "Jardin partagé des Varennes", "Café-vélo de la gare"]
ADVICE_ROSE = "Rencontrer la chambre régionale de l’ESS pour le dispositif d’amorçage."
ADVICE_BRUNO = "Mutualiser un local avec l’épicerie solidaire : la mairie a une piste rue Mulsant."


def form_titled(page, heading: str):
    """One of the coordination's forms, found by its own heading."""
    return page.locator("main form").filter(has=page.get_by_role("heading", name=heading))


@pytest.mark.slow
def test_bourse_with_three_projects_and_advice_landing_in_support_logs(journey, pole, coordinator):
    ResourceFactory(pole=pole, kind=ResourceKind.ROOM, name=ROOM, capacity=30)
    projects = [f.ProjectFactory(pole=pole, title=title) for title in PROJECTS]
    other = f.ProjectFactory(pole=pole, title="Atelier couture solidaire")
    rose = f.UserFactory(email="rose.ressource@example.org", display_name="Rose Ressource")
    bruno = f.UserFactory(email="bruno.conseil@example.org", display_name="Bruno Conseil")
    day = timezone.localdate() + datetime.timedelta(days=14)
    page = journey.page

    # Schedule the session from the agenda.
    journey.sign_in(coordinator.email)
    journey.visit(f"/p/{pole.slug}/")
    with journey.navigation():
        page.get_by_role("navigation", name="Navigation du pôle").get_by_role("link", name="Agenda").click()
    with journey.navigation():
        page.get_by_role("link", name="Programmer une bourse aux projets").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Publier un événement")
    form = page.locator("main form")
    expect(form.get_by_label(re.compile(r"^Type d’événement"))).to_have_value(EventKind.BOURSE)
    form.get_by_label(re.compile(r"^Titre")).fill(TITLE)
    form.get_by_label(re.compile(r"^Début")).fill(f"{day:%Y-%m-%d}T14:00")
    form.get_by_label(re.compile(r"^Fin")).fill(f"{day:%Y-%m-%d}T17:30")
    form.get_by_role("group", name=re.compile(r"^Lieu")).get_by_label("Une salle du pôle").check()
    form.get_by_label(re.compile(r"^Salle")).select_option(label=ROOM)
    form.get_by_label(re.compile(r"^Description")).fill(
        "Trois projets présentent, des personnes ressources conseillent."
    )
    with journey.navigation():
        form.get_by_role("button", name="Publier").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Bourse aux projets : {TITLE}")
    expect(page.get_by_role("status")).to_contain_text("L’événement est publié dans l’agenda.")
    event = Event.objects.get(title=TITLE)
    assert event.kind == EventKind.BOURSE and event.room.name == ROOM

    # Three presentation slots, twenty minutes each.
    for project, start in zip(projects, ("14:15", "14:45", "15:15"), strict=True):
        slot_form = form_titled(page, "Inviter un projet à présenter")
        slot_form.get_by_label(re.compile(r"^Projet")).select_option(label=project.title)
        slot_form.get_by_label(re.compile(r"^Heure de passage")).fill(f"{day:%Y-%m-%d}T{start}")
        slot_form.get_by_label(re.compile(r"^Durée \(minutes\)")).fill("20")
        with journey.navigation():
            slot_form.get_by_role("button", name="Ajouter au programme").click()
        expect(page.get_by_role("status")).to_contain_text("Le projet est invité à présenter.")
    programme = page.get_by_role("region", name="Qui présente")
    items = programme.get_by_role("listitem")
    expect(items).to_have_count(3)
    for index, (title, start) in enumerate(zip(PROJECTS, ("14:15", "14:45", "15:15"), strict=True)):
        expect(items.nth(index)).to_contain_text(start)
        expect(items.nth(index).get_by_role("link", name=title)).to_be_visible()

    # A slot outside the session's hours is refused with an accessible error.
    slot_form = form_titled(page, "Inviter un projet à présenter")
    slot_form.get_by_label(re.compile(r"^Projet")).select_option(label=other.title)
    slot_form.get_by_label(re.compile(r"^Heure de passage")).fill(f"{day:%Y-%m-%d}T19:00")
    with journey.navigation():
        slot_form.get_by_role("button", name="Ajouter au programme").click()
    expect(form_titled(page, "Inviter un projet à présenter")).to_contain_text(
        "La présentation doit tenir dans l’horaire de la session."
    )
    assert PresentationSlot.objects.filter(session__event=event).count() == 3

    # Two resource people are invited by e-mail.
    for person in (rose, bruno):
        invite_form = form_titled(page, "Inviter une personne ressource")
        invite_form.get_by_label(re.compile(r"^Adresse e-mail du compte")).fill(person.email)
        with journey.navigation():
            invite_form.get_by_role("button", name="Envoyer l’invitation").click()
        expect(page.get_by_role("status")).to_contain_text("L’invitation est envoyée par e-mail.")
    people = page.get_by_role("region", name="Personnes ressources invitées")
    expect(people).to_contain_text("Rose Ressource")
    expect(people).to_contain_text("Bruno Conseil")
    assert ResourcePerson.objects.filter(session__event=event).count() == 2

    # Advice without its text: the form says what is missing.
    advice_form = form_titled(page, "Enregistrer un conseil ou une offre d’aide")
    # French first: the project's label must read « Projet » (it read « Project » when written:
    # BourseContribution.project has no verbose_name and the form gives it no label).
    expect(advice_form.locator("label[for=id_contribution-project]")).to_have_text(re.compile(r"^Projet\b"))
    advice_form.get_by_label(re.compile(r"^Projet")).select_option(label=PROJECTS[0])
    advice_form.get_by_role("group", name=re.compile(r"^Type")).get_by_label("Conseil").check()
    advice_form.get_by_label(re.compile(r"^Donné par")).select_option(label="Rose Ressource")
    with journey.navigation():
        advice_form.get_by_role("button", name="Enregistrer la contribution").click()
    expect(form_titled(page, "Enregistrer un conseil ou une offre d’aide").locator(".field-error")).not_to_have_count(0)
    assert not BourseContribution.objects.exists()

    # Rose's advice to the first project, Bruno's to the second.
    for person, project, text in ((rose, projects[0], ADVICE_ROSE), (bruno, projects[1], ADVICE_BRUNO)):
        advice_form = form_titled(page, "Enregistrer un conseil ou une offre d’aide")
        advice_form.get_by_label(re.compile(r"^Projet")).select_option(label=project.title)
        advice_form.get_by_role("group", name=re.compile(r"^Type")).get_by_label("Conseil").check()
        advice_form.get_by_label(re.compile(r"^Donné par")).select_option(label=person.display_name)
        advice_form.get_by_label(re.compile(r"^Contenu")).fill(text)
        with journey.navigation():
            advice_form.get_by_role("button", name="Enregistrer la contribution").click()
        expect(page.get_by_role("status")).to_contain_text("La contribution est enregistrée")

    # The session's record shows each piece of advice under its project.
    outcome = page.get_by_role("region", name="Ce qui en est sorti")
    expect(outcome.get_by_role("heading", name=PROJECTS[0])).to_be_visible()
    expect(outcome).to_contain_text(ADVICE_ROSE)
    expect(outcome).to_contain_text("de Rose Ressource")
    expect(outcome).to_contain_text(ADVICE_BRUNO)
    expect(outcome).to_contain_text("de Bruno Conseil")
    assert BourseContribution.objects.filter(session__event=event).count() == 2

    session_path = f"/p/{pole.slug}/agenda/{event.pk}/bourse/"

    # Each project's support log has the advice, once; the third project's has none.
    for project, text, giver in (
        (projects[0], ADVICE_ROSE, "Rose Ressource"),
        (projects[1], ADVICE_BRUNO, "Bruno Conseil"),
    ):
        with journey.navigation():
            page.get_by_role("region", name="Qui présente").get_by_role("link", name=project.title).click()
        expect(page.get_by_role("heading", level=1)).to_have_text(project.title)
        log = page.locator("#support-log")
        entry = log.get_by_role("listitem").filter(has_text=text)
        expect(entry).to_have_count(1)
        expect(entry).to_contain_text(f"Bourse aux projets « {TITLE} »")
        expect(entry).to_contain_text(f"Conseil de {giver}")
        assert SupportLogEntry.objects.filter(project=project, text__contains=text).count() == 1
        journey.visit(session_path)
    assert not SupportLogEntry.objects.filter(project=projects[2]).exists()
    journey.visit(f"/p/{pole.slug}/projets/{projects[2].pk}/")
    expect(page.locator("#support-log")).not_to_contain_text(ADVICE_ROSE)
    expect(page.locator("#support-log")).not_to_contain_text(ADVICE_BRUNO)
