"""A long column of the pipeline board: its latest cards, then « Voir les N autres projets »
loads the next ones in place (the focus goes to the first of them), and a card loaded that
way moves by keyboard like the others (without JavaScript the link opens the column's pages:
peps/projects/tests/test_view_board_column.py)."""

import datetime

from django.utils import timezone
from playwright.sync_api import expect

from peps.core.testing import factories as f
from peps.projects.board import BOARD_CARDS_PER_COLUMN as N
from peps.projects.models import Project
from peps.projects.stages import Stage


def test_a_long_column_loads_its_other_cards_and_they_move_by_keyboard(journey, pole, coordinator):
    now = timezone.now()
    titles = [f"Idée n° {i + 1}" for i in range(N + 3)]
    for i, title in enumerate(titles):
        project = f.ProjectFactory(pole=pole, title=title, stage=Stage.SUBMITTED)
        Project.objects.filter(pk=project.pk).update(stage_changed_at=now - datetime.timedelta(days=i))
    page = journey.page
    page.set_default_timeout(45_000)  # a shared, busy test machine
    journey.sign_in(coordinator.email)
    journey.visit(f"/p/{pole.slug}/projets/suivi/")
    cards = page.locator("#cards-submitted > li")
    expect(cards).to_have_count(N)

    more = page.locator("#more-submitted").get_by_role("link", name="Voir les 3 autres projets")
    more.focus()
    page.keyboard.press("Enter")
    expect(cards).to_have_count(N + 3)
    expect(page.locator("#more-submitted a")).to_have_count(0)  # nothing left to load
    first_new = page.get_by_role("link", name=titles[N], exact=True)
    expect(first_new).to_be_focused()
    journey.check_a11y()

    # The last card, loaded by htmx, moves by keyboard with its own « Déplacer » form.
    last = Project.objects.get(title=titles[-1])
    card = page.locator(f"#card-{last.pk}")
    card.locator("summary").focus()
    page.keyboard.press("Enter")
    card.get_by_label("Nouvelle étape").select_option(Stage.STRUCTURING.value)
    card.get_by_role("button", name="Déplacer").focus()
    page.keyboard.press("Enter")
    status = page.locator("#board-status")
    expect(status).to_contain_text(f"« {titles[-1]} » passe à l’étape « Structuration de l’idée »")
    expect(status).to_be_focused()
    assert Project.objects.get(pk=last.pk).stage == Stage.STRUCTURING
