"""A coordinator moves an idea along the support pipeline, with the keyboard for one step,
writes a support log entry, and finds the history and the board up to date."""

import re

from playwright.sync_api import expect

from peps.core.testing import factories as f
from peps.projects.models import Project, StageChange
from peps.projects.stages import Stage

TITLE = "Recyclerie solidaire du Coteau"
REASON = "Le modèle économique est à construire avec deux partenaires."


def tab_until(page, selector: str, limit: int = 120):
    """Press Tab until the element matching `selector` has the focus, as a keyboard user would."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement && document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"{selector} cannot be reached with Tab within {limit} presses")


def test_coordinator_moves_an_idea_through_two_stages_and_logs_support(journey, pole, coordinator, citizen):
    project = f.ProjectFactory(pole=pole, title=TITLE, holder=citizen, summary="Réparer et revendre.")
    page = journey.page

    journey.sign_in(coordinator.email)
    journey.visit(f"/p/{pole.slug}/")
    with journey.navigation():
        page.get_by_role("navigation", name="Coordination du pôle").get_by_role(
            "link", name="Suivi des projets"
        ).click()
    submitted = page.locator("section.board-column").filter(has=page.get_by_role("heading", name="Idée déposée"))
    with journey.navigation():
        submitted.get_by_role("link", name=TITLE).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)

    # Step one with the keyboard only: Tab to the stage select, choose with the arrows,
    # Tab to the button and press Enter.
    stage = page.locator("#stage")
    tab_until(page, "#stage select")
    page.keyboard.press("ArrowDown")
    expect(stage.get_by_label("Nouvelle étape")).to_have_value(Stage.STRUCTURING.value)
    tab_until(page, "#stage button[type=submit]", limit=5)
    page.keyboard.press("Enter")
    expect(stage).to_contain_text("Étape actuelle : Structuration de l’idée")
    journey.check_a11y()

    # Step two with the mouse, with a reason.
    stage.get_by_label("Nouvelle étape").select_option(label="Modèle économique")
    stage.get_by_label("Motif").fill(REASON)
    stage.get_by_role("button", name="Changer l’étape").click()
    expect(stage).to_contain_text("Étape actuelle : Modèle économique")
    journey.check_a11y()

    # The history, at the end of the page, follows each move.
    history = page.locator("#stage-history").get_by_role("list")
    expect(history).to_contain_text("De « Idée déposée » à « Structuration de l’idée »")
    expect(history).to_contain_text("De « Structuration de l’idée » à « Modèle économique »")
    expect(history).to_contain_text(REASON)
    expect(history).to_contain_text("par Claire")

    # A support log entry.
    log = page.locator("#support-log")
    log_form = log.locator("form").filter(has=page.get_by_role("button", name="Ajouter au journal"))
    log_form.get_by_label("Type").select_option(label="Rendez-vous")
    log_form.get_by_label("Compte rendu").fill("Premier rendez-vous : besoins en locaux et en matériel.")
    log_form.get_by_role("button", name="Ajouter au journal").click()
    expect(log.get_by_role("list").first).to_contain_text("Premier rendez-vous : besoins en locaux")
    expect(log).to_contain_text("par Claire")
    journey.check_a11y()

    # Reloaded without JavaScript state: the history and the log are stored.
    journey.visit(f"/p/{pole.slug}/projets/{project.pk}/")
    expect(page.locator("#stage-history")).to_contain_text("De « Structuration de l’idée » à « Modèle économique »")
    expect(page.locator("#support-log")).to_contain_text("Premier rendez-vous")
    moves = list(StageChange.objects.filter(project=project).order_by("at", "pk").values_list("to_stage", "reason"))
    assert moves[-2:] == [(Stage.STRUCTURING, ""), (Stage.BUSINESS_MODEL, REASON)]
    assert Project.objects.get(pk=project.pk).stage == Stage.BUSINESS_MODEL

    # The board shows the project in its new column only.
    with journey.navigation():
        page.get_by_role("navigation", name="Coordination du pôle").get_by_role(
            "link", name="Suivi des projets"
        ).click()
    column = page.locator("section.board-column").filter(has=page.get_by_role("heading", name="Modèle économique"))
    expect(column.get_by_role("link", name=TITLE)).to_be_visible()
    expect(submitted.get_by_role("link", name=TITLE)).to_have_count(0)
    expect(page.get_by_role("link", name=TITLE)).to_have_count(1)


def test_a_move_without_its_required_reason_shows_an_accessible_error(journey, pole, coordinator):
    project = f.ProjectFactory(pole=pole, title=TITLE)
    page = journey.page
    journey.sign_in(coordinator.email)
    journey.visit(f"/p/{pole.slug}/projets/{project.pk}/")
    stage = page.locator("#stage")
    stage.get_by_label("Nouvelle étape").select_option(label="En pause")
    stage.get_by_role("button", name="Changer l’étape").click()
    expect(stage.get_by_role("alert")).to_be_visible()
    expect(stage).to_contain_text(re.compile("Indiquez le motif"))
    expect(stage).to_contain_text("Étape actuelle : Idée déposée")
    journey.check_a11y()
    assert Project.objects.get(pk=project.pk).stage == Stage.SUBMITTED
