"""Error pages are pages too: a 404 or a 403 must be accessible and lead somewhere."""

import re

from playwright.sync_api import expect

from peps.core.testing import factories as f


def test_missing_page_is_an_accessible_404_with_a_way_back(journey, db):
    f.PoleFactory(slug="pollens", name="POLLENS — Roannais")
    journey.visit("/cette-page-n-existe-pas/", status=404)
    page = journey.page
    assert page.locator("html").get_attribute("lang") == "fr"
    expect(page.get_by_role("heading", level=1)).to_have_count(1)
    expect(page.get_by_role("main")).to_be_visible()
    # An unknown pole is a 404 too, not a 500.
    journey.visit("/p/pole-inconnu/", status=404)
    with journey.navigation():
        page.get_by_role("main").get_by_role("link", name=re.compile("accueil", re.I)).click()
    expect(page.get_by_role("link", name="POLLENS — Roannais")).to_be_visible()


def test_forbidden_action_is_an_accessible_403(journey, pole, member):
    """A read-only member may see the pole but not the coordinators' pipeline board."""
    journey.sign_in(member.email)
    journey.visit(f"/p/{pole.slug}/projets/suivi/", status=403)
    page = journey.page
    assert page.locator("html").get_attribute("lang") == "fr"
    expect(page.get_by_role("heading", level=1)).to_have_count(1)
    expect(page.get_by_role("main").get_by_role("link").first).to_be_visible()
