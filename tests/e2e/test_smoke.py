"""The network home page renders in a real browser, accessibly, in both languages."""

from peps.core.testing import factories as f


def test_network_home_is_accessible_in_french_and_english(journey, db):
    f.PoleFactory(slug="pollens", name="POLLENS — Roannais")
    journey.visit("/")
    assert journey.page.locator("html").get_attribute("lang") == "fr"
    journey.page.get_by_role("link", name="English").click()
    journey.page.wait_for_load_state()
    assert journey.page.locator("html").get_attribute("lang") == "en"
    journey.check_a11y()
