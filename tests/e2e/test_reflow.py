"""WCAG 1.4.10 (reflow): at 320 CSS pixels wide, no page of the demo scrolls sideways.
One page of every URL shape is opened, as a visitor and as a coordinator of the demo (found
by following links from the home page), on a 320 × 640 screen; the test fails on any
horizontal overflow of the document, wide tables included (they scroll inside their own
labelled region). Screenshots of three pages at 320 px go to test-artifacts/."""

import re

import pytest
from playwright.sync_api import expect

from peps.demo.bulk import DEMO_PASSWORD

from .conftest import ARTIFACTS
from .demo_site import (
    DEMO_ROLES,
    client_for,
    crawl,
    demo_site,  # noqa: F401 - pytest fixture
)

PHONE = {"width": 320, "height": 640}
# What sticks out, for the failure message: the deepest elements past the right edge.
OVERFLOW = """() => {
    const root = document.documentElement;
    if (root.scrollWidth <= root.clientWidth) return null;
    const limit = root.clientWidth + 1;
    const culprits = [...document.body.querySelectorAll("*")]
        .filter((e) => e.getBoundingClientRect().right > limit)
        .filter((e) => ![...e.children].some((c) => c.getBoundingClientRect().right > limit))
        .slice(0, 3)
        .map((e) => `<${e.tagName.toLowerCase()}${e.className && e.className.baseVal === undefined ? "." + e.className : ""}>`
            + ` ends at ${Math.round(e.getBoundingClientRect().right)}px`);
    return `${root.scrollWidth}px wide: ${culprits.join(", ")}`;
}"""


def sign_in(page, base_url: str, email: str):
    page.goto(base_url + "/compte/login/")
    form = page.locator("main form")
    form.get_by_label(re.compile(r"^(Courriel|Adresse e-mail|E-mail)", re.I)).fill(email)
    form.get_by_label(re.compile(r"^Mot de passe", re.I)).fill(DEMO_PASSWORD)
    form.get_by_role("button", name=re.compile(r"Connexion|Se connecter", re.I)).click()
    expect(page.get_by_role("button", name="Menu", exact=True)).to_be_visible()


@pytest.mark.slow
@pytest.mark.parametrize("role", ["visitor", "coordinator"])
def test_no_page_scrolls_sideways_at_320_px(journey_factory, demo_site, live_server, role):  # noqa: F811
    """As a visitor and as a coordinator: two tests, which two workers run side by side (the
    longest test of the suite when it walked both; seeding the demo twice costs far less)."""
    failures = []
    shapes = crawl(client_for(role), pole_slug=demo_site.slug)["shapes"]
    assert len(shapes) > 20, f"the crawl as {role} found only {sorted(shapes)}"
    journey = journey_factory(role)
    page = journey.page
    # Hundreds of pages on a shared machine: more patience than for one journey.
    page.set_default_timeout(60_000)
    page.set_viewport_size(PHONE)
    if DEMO_ROLES[role]:
        sign_in(page, live_server.url, DEMO_ROLES[role])
    for shape, path in sorted(shapes.items()):
        response = page.goto(live_server.url + path)
        if response is None or response.status >= 400:
            continue
        overflow = page.evaluate(OVERFLOW)
        if overflow:
            failures.append(f"as {role}, {path} ({shape}): {overflow}")
    if role == "coordinator":
        ARTIFACTS.mkdir(exist_ok=True)
        for name, path in [
            ("pole-home", f"/p/{demo_site.slug}/"),
            ("directory", f"/p/{demo_site.slug}/annuaire/"),
            ("contact-log", f"/p/{demo_site.slug}/contacts/"),
        ]:
            page.goto(live_server.url + path)
            page.screenshot(path=str(ARTIFACTS / f"reflow-320-{name}.png"), full_page=True)
    assert not failures, f"{len(failures)} page(s) scroll sideways at 320 px:\n" + "\n".join(failures)
