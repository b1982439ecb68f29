"""Navigation that shows each person what they may do: the header menus fold behind an
accessible button on a phone, and every page a demo role may open is reached by following
links from the home page (issue 14, part 4)."""

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver
from playwright.sync_api import expect

from .demo_site import (
    DEMO_ROLES,
    client_for,
    crawl,
    demo_site,  # noqa: F401 - pytest fixture
)

# Pages nobody reaches by a link, on purpose: what follows an action (a deleted account, a
# sent e-mail), allauth's internal steps, machine endpoints and the demo-only greeting.
NOT_LINKED = {
    "accounts:deleted",
    # The contact log carries this form itself (it posts there); the page is the same form alone.
    "activity:add",
    "hello",
    "api-docs",
}
NOT_LINKED_PREFIXES = ("account_", "socialaccount", "mfa_", "admin:", "api", "switch_language")
# Joining is offered to people outside the pole; its members (and the network administrator,
# who sees every pole as its coordination does) have nothing to join.
NOT_LINKED_FOR = {role: {"poles:join"} for role in ("member", "coordinator", "pole_admin", "network_admin")}


def named_urls(pole_slug: str) -> dict[str, str]:
    """Every named URL whose only parameter is the pole (or none): view name → path."""
    found = {}

    def walk(patterns, prefix: str = "", namespace: str | None = None):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                ns = pattern.namespace or namespace
                if ns and namespace and pattern.namespace:
                    ns = f"{namespace}:{pattern.namespace}"
                walk(pattern.url_patterns, prefix + str(pattern.pattern), ns)
            elif isinstance(pattern, URLPattern) and pattern.name:
                route = prefix + str(pattern.pattern)
                params = set(re.findall(r"<(?:\w+:)?(\w+)>", route))
                if params - {"pole"} or "(?P" in route:
                    continue
                name = f"{namespace}:{pattern.name}" if namespace else pattern.name
                if name in NOT_LINKED or name.startswith(NOT_LINKED_PREFIXES):
                    continue
                path = "/" + re.sub(r"<(?:\w+:)?pole>", pole_slug, route).lstrip("^").rstrip("$")
                found.setdefault(name, path)

    walk(get_resolver().url_patterns)
    return found


def may_open(client, paths: dict[str, str]) -> dict[str, str]:
    """The named URLs that answer this person with a whole page (not 302/403/404/405, nor
    the HTML fragments that htmx asks for, such as a field's suggestions)."""
    allowed = {}
    for name, path in paths.items():
        response = client.get(path)
        if response.status_code == 200 and b"<html" in response.content[:500]:
            allowed[name] = path
    return allowed


@pytest.mark.slow
def test_every_page_each_role_may_open_is_linked_from_home(demo_site):  # noqa: F811
    """One demo for all the roles (seeding it is the slow part)."""
    named = named_urls(demo_site.slug)
    failures = []
    for role in DEMO_ROLES:
        found = crawl(client_for(role), pole_slug=demo_site.slug)
        exempt = NOT_LINKED_FOR.get(role, set())
        # Only the pages the crawl did not reach are asked whether this person may open them.
        unreached = {name: path for name, path in named.items() if name not in found["shapes"] and name not in exempt}
        missing = sorted(f"{name} ({path})" for name, path in may_open(client_for(role), unreached).items())
        if found["errors"]:
            failures.append(f"server errors met while crawling as {role}: {found['errors']}")
        if missing:
            failures.append(f"as {role}, no link from the home page leads to: " + ", ".join(missing))
    assert not failures, "\n".join(failures)

    # The coordination's areas are shown only to those who may use them.
    pole_home = f"/p/{demo_site.slug}/"
    as_member = client_for("member").get(pole_home).content.decode()
    as_coordinator = client_for("coordinator").get(pole_home).content.decode()
    as_admin = client_for("network_admin").get("/").content.decode()
    assert 'aria-label="Coordination du pôle"' not in as_member
    assert 'aria-label="Mon espace dans le pôle"' in as_member
    assert 'aria-label="Coordination du pôle"' in as_coordinator
    for label in ("Suivi des projets", "Contacts", "Financements", "Bilans", "Lettres"):
        assert f">{label}</a>" in as_coordinator
    assert ">Campagnes</a>" in as_admin
    assert ">Campagnes</a>" not in as_coordinator


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
