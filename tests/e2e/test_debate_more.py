"""A long debate: each column shows its first arguments, and « Voir plus d’arguments pour »
appends the next ones in place, by keyboard, the focus going to the first of them."""

from playwright.sync_api import expect

from peps.deliberation import services
from peps.deliberation.tests.factories import arguments_for


def test_voir_plus_appends_the_next_arguments_and_moves_the_focus(journey, pole, member):
    debate = services.debate_open(pole=pole, by=member, title="Quel lieu pour la future ressourcerie ?")
    arguments_for(debate, "pro", 13, text="Un argument pour")
    page = journey.page
    page.set_default_timeout(45_000)  # a shared, busy test machine
    journey.visit(debate.get_absolute_url())
    column = page.locator("#column-pro > li")
    expect(column).to_have_count(10)

    more = page.get_by_role("link", name="Voir plus d’arguments pour")
    more.focus()
    page.keyboard.press("Enter")
    expect(column).to_have_count(13)
    expect(page.get_by_role("link", name="Voir plus d’arguments pour")).to_have_count(0)
    expect(column.nth(10)).to_be_focused()
    journey.check_a11y()
