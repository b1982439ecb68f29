"""The pipeline board at a glance: columns for the stages, « En pause » and « Orienté vers
un réseau partenaire » apart, cards with holder, time in stage and a mark on new ideas;
a card moves by keyboard (its « Déplacer » menu) and by drag and drop."""

import datetime

from django.utils import timezone
from playwright.sync_api import expect

from peps.core.testing import factories as f
from peps.projects.models import Project, RequestKind, StageChange
from peps.projects.stages import Stage

from .conftest import ARTIFACTS


def column(page, label: str):
    return page.locator("section.board-column").filter(has=page.get_by_role("heading", name=label))


def test_coordinator_reads_the_board_and_moves_cards_by_keyboard_and_by_drag_and_drop(
    journey, pole, coordinator, citizen
):
    fresh = f.ProjectFactory(pole=pole, title="Atelier vélo du Coteau", holder=citizen)
    read = f.ProjectFactory(
        pole=pole,
        title="Cantine solidaire",
        request_kind=RequestKind.FULL_SUPPORT,
        coordination_opened_at=timezone.now(),
    )
    Project.objects.filter(pk=read.pk).update(stage_changed_at=timezone.now() - datetime.timedelta(days=22))
    paused = f.ProjectFactory(pole=pole, title="Épicerie itinérante", stage=Stage.PAUSED)
    f.ProjectFactory(pole=pole, title="Garage solidaire", stage=Stage.REDIRECTED)
    page = journey.page
    # A shared, busy test machine: pages may take longer than a journey's usual 15 s.
    page.set_default_timeout(45_000)
    journey.sign_in(coordinator.email)
    journey.visit(f"/p/{pole.slug}/projets/suivi/")

    # Columns for the path, and the two stages beside it under their own heading.
    expect(page.get_by_role("heading", name="En dehors du parcours")).to_be_visible()
    aside = page.locator(".board-aside")
    expect(aside.locator("section.board-column")).to_have_count(2)
    expect(column(page, "En pause").get_by_role("link", name=paused.title)).to_be_visible()
    expect(column(page, "Orienté vers un réseau partenaire")).to_contain_text("Garage solidaire")

    # A card: holder, time in stage, and the mark on an idea no coordinator has opened yet.
    card = page.locator(f"#card-{fresh.pk}")
    expect(card).to_contain_text(f"Porté par {citizen.display_name}")
    expect(card).to_contain_text("depuis aujourd’hui")
    expect(card).to_contain_text("Nouvelle, pas encore ouverte")
    expect(page.locator(f"#card-{read.pk}")).to_contain_text("depuis 3 semaines")
    expect(page.locator(f"#card-{read.pk}")).not_to_contain_text("pas encore ouverte")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "pipeline-board.png"), full_page=True)

    # Keyboard: open « Déplacer », choose the stage, press the button; the focus lands on
    # the message that says what happened.
    card.locator("summary").focus()
    page.keyboard.press("Enter")
    card.get_by_label("Nouvelle étape").focus()
    card.get_by_label("Nouvelle étape").select_option(Stage.STRUCTURING.value)
    card.get_by_role("button", name="Déplacer").focus()
    page.keyboard.press("Enter")
    status = page.locator("#board-status")
    expect(status).to_contain_text("« Atelier vélo du Coteau » passe à l’étape « Structuration de l’idée »")
    expect(status).to_be_focused()
    expect(column(page, "Structuration de l’idée").get_by_role("link", name=fresh.title)).to_be_visible()
    journey.check_a11y()

    # Drag and drop: onto the next column of the path. A tall window keeps every column in
    # view (Chromium cancels a native drag that has to scroll the page).
    page.set_viewport_size({"width": 1280, "height": 2400})
    moved = page.locator(f"#card-{fresh.pk}")
    moved.drag_to(column(page, "Modèle économique"))
    expect(page.locator("#board-status")).to_contain_text("passe à l’étape « Modèle économique »")
    expect(column(page, "Modèle économique").get_by_role("link", name=fresh.title)).to_be_visible()

    # A drop that needs a reason opens the card's form at its reason instead of moving.
    page.locator(f"#card-{read.pk}").drag_to(column(page, "En pause"))
    reason = page.locator(f"#move-{read.pk}-reason")
    expect(reason).to_be_focused()
    reason.fill("Attente de la réponse de la mairie.")
    page.locator(f"#card-{read.pk}").get_by_role("button", name="Déplacer").click()
    expect(column(page, "En pause").get_by_role("link", name=read.title)).to_be_visible()
    journey.check_a11y()

    assert list(StageChange.objects.filter(project=fresh).order_by("pk").values_list("to_stage", "by")) == [
        (Stage.STRUCTURING, coordinator.pk),
        (Stage.BUSINESS_MODEL, coordinator.pk),
    ]
    assert Project.objects.get(pk=read.pk).stage == Stage.PAUSED
    page.screenshot(path=str(ARTIFACTS / "pipeline-board-after-moves.png"), full_page=True)
