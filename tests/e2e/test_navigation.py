"""Navigation on a phone: the header menus fold behind an accessible button (issue 14,
part 4). That every page a demo role may open is linked from home is in test_demo_walk."""

from playwright.sync_api import expect


def test_the_header_folds_behind_a_menu_button_on_a_phone(journey, pole):
    page = journey.page
    page.set_viewport_size({"width": 320, "height": 640})
    journey.visit(f"/p/{pole.slug}/")
    button = page.get_by_role("button", name="Menu", exact=True)
    network = page.get_by_role("navigation", name="Menu du réseau")
    expect(button).to_have_attribute("aria-expanded", "false")
    expect(button).to_have_attribute("aria-controls", "site-menu")
    expect(network).to_be_hidden()
    # Keyboard: the button is the first stop after the skip link and the brand.
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    expect(button).to_be_focused()
    page.keyboard.press("Enter")
    expect(button).to_have_attribute("aria-expanded", "true")
    expect(network).to_be_visible()
    journey.check_a11y()
    page.keyboard.press("Tab")
    expect(network.get_by_role("link", name="Annuaire des pôles")).to_be_focused()
    # Escape closes the menu and gives the focus back to its button.
    page.keyboard.press("Escape")
    expect(button).to_have_attribute("aria-expanded", "false")
    expect(network).to_be_hidden()
    expect(button).to_be_focused()
    # The pole's own menu has its button too.
    pole_button = page.get_by_role("button", name="Menu du pôle")
    pole_nav = page.get_by_role("navigation", name="Navigation du pôle")
    expect(pole_nav).to_be_hidden()
    pole_button.click()
    expect(pole_nav).to_be_visible()
    expect(pole_nav.get_by_role("link", name="Annuaire")).to_be_visible()
    # On a wide screen the menus are simply there, without a button.
    page.set_viewport_size({"width": 1280, "height": 900})
    expect(button).to_be_hidden()
    expect(network).to_be_visible()
