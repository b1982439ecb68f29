"""The Roannais demo walked by each of its roles (visitor, member, project holder,
coordinator, pole administrator, network administration), following the links of every
page from the home page, one page or two of each URL shape. Seeding and walking the demo
are the slow part: done once for the module, and every test reads that walk.

- Navigation shows each person what they may do: every page a role may open is reached by
  following links from home (issue 14, part 4).
- The inline SVG charts are drawable (every coordinate and size a number with a decimal
  point, never the French « 7,7 ») and the visible text follows French typography (no
  breakable space before « ; : ! ? » nor inside « »)."""

import re
from urllib.parse import urlsplit

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from peps.core.testing.databases import rows_for_a_module
from peps.core.testing.svg import invalid_numbers, svg_elements
from peps.core.testing.typography import typography_errors

from .demo_site import DEMO_ROLES, client_for, crawl, seed_demo_site


@pytest.fixture(scope="module")
def walked(django_db_setup, django_db_blocker):
    """The demo, and each role's crawl of it: {"pole", "crawls": {role: crawl}, "pages":
    {role: {path: html}}} with the first page of each shape."""
    with rows_for_a_module(django_db_blocker):
        pole = seed_demo_site()
        crawls, pages = {}, {}
        for role in DEMO_ROLES:
            pages[role] = {}
            crawls[role] = crawl(client_for(role), pole_slug=pole.slug, on_page=pages[role].__setitem__)
        yield {"pole": pole, "crawls": crawls, "pages": pages}


@pytest.fixture(autouse=True)
def _each_test_in_a_savepoint(walked, db):
    """What a test writes is undone after it, inside the module's transaction."""


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
def test_every_page_each_role_may_open_is_linked_from_home(walked):
    pole = walked["pole"]
    named = named_urls(pole.slug)
    failures = []
    for role in DEMO_ROLES:
        found = walked["crawls"][role]
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
    pole_home = f"/p/{pole.slug}/"
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


def test_demo_pages_draw_their_charts_and_read_french(walked):
    svg_errors, text_errors, with_svg = [], [], set()
    for role, pages in walked["pages"].items():
        for path, html in pages.items():
            for svg in svg_elements(html):
                with_svg.add(urlsplit(path).path)
                svg_errors += [f"{role} {path}: {error}" for error in invalid_numbers(svg)]
            text_errors += [f"{role} {path}: {error}" for error in typography_errors(html)]
    # The walk reached the pages that draw charts: the annual report, the campaign results.
    reached = any("/bilan/" in path for path in with_svg) and any("/resultats/" in path for path in with_svg)
    report = [f"pages with charts: {sorted(with_svg)}"] if not reached else []
    report += svg_errors[:30]
    if text_errors:
        report += [f"{len(text_errors)} breakable spaces:", *text_errors[:60]]
    assert not report, "\n".join(report)
