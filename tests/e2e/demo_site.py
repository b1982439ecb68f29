"""The Roannais demo on a small imported territory, for the browser tests that walk the
whole site as each demo role (reflow, navigation, pipeline). Import the fixtures you use:

    from tests.e2e.demo_site import demo_site  # noqa: F401 - pytest fixture
"""

import pytest

from peps.core.testing import factories as f
from peps.demo import demo
from peps.territory.models import EPCI, Arrondissement

# Real INSEE codes and town-hall coordinates (rounded), so the maps place them where they are.
ROANNAIS = [
    ("42187", "Roanne", 34000, 46.036, 4.068),
    ("42184", "Riorges", 11000, 46.043, 4.041),
    ("42127", "Mably", 7500, 46.065, 4.063),
    ("42071", "Le Coteau", 6800, 46.020, 4.092),
    ("42052", "Charlieu", 3600, 46.161, 4.173),
    ("42182", "Renaison", 3200, 46.050, 3.925),
    ("42248", "Saint-Just-en-Chevalet", 1300, 45.914, 3.843),
    ("42332", "Villerest", 4800, 45.995, 4.036),
    ("42003", "Ambierle", 1900, 46.105, 3.893),
    ("42232", "Saint-Haon-le-Châtel", 700, 46.065, 3.914),
]

# Who walks the demo: a label and the e-mail of the demo's account (None: a visitor).
DEMO_ROLES = {
    "visitor": None,
    "holder": demo.HOLDER_EMAIL,
    "member": demo.MEMBER_EMAIL,
    "coordinator": demo.COORDINATOR_EMAIL,
    "pole_admin": demo.POLE_ADMIN_EMAIL,
    "network_admin": demo.NETWORK_ADMIN_EMAIL,
}


@pytest.fixture
def demo_site(db):
    """The demo seeded on arrondissement 422 (ten communes): returns the POLLENS pole."""
    return seed_demo_site()


def seed_demo_site():
    """Seed the demo on arrondissement 422 (ten communes); returns the POLLENS pole."""
    loire = f.DepartementFactory(code="42", name="Loire")
    arrondissement = Arrondissement.objects.create(code="422", name="Roanne", departement=loire)
    agglo = EPCI.objects.create(code="200035731", name="CA Roannais Agglomération", kind="CA")
    for code, name, population, latitude, longitude in ROANNAIS:
        f.CommuneFactory(
            code=code,
            name=name,
            search_name=name.lower(),
            population=population,
            departement=loire,
            arrondissement=arrondissement,
            epci=agglo,
            latitude=latitude,
            longitude=longitude,
        )
    demo.seed_demo()
    from peps.poles.models import Pole

    return Pole.objects.get(slug=demo.POLLENS_SLUG)


# --- Crawling the site by its links ------------------------------------------------------
# Never followed: leaving the session or its language, the admin, the API, files.
SKIPPED_PREFIXES = ("/compte/logout", "/langue/", "/admin/", "/api/", "/static/", "/media/", "/hello/")
SKIPPED_SUFFIXES = (".csv", ".xlsx", ".ics", ".svg", ".pdf", ".json", ".yaml", ".zip", ".png", ".txt", ".xml")


def _links(html: str) -> list[str]:
    import re

    return re.findall(r'<a\s[^>]*href="([^"#]+)', html)


def _internal_path(href: str, base: str) -> str | None:
    from html import unescape
    from urllib.parse import urljoin, urlsplit

    url = urlsplit(urljoin(base, unescape(href)))
    if url.scheme not in ("", "http", "https") or (url.netloc and url.netloc != "testserver"):
        return None
    path = url.path
    if path.startswith(SKIPPED_PREFIXES) or path.endswith(SKIPPED_SUFFIXES):
        return None
    return path + (f"?{url.query}" if url.query else "")


def shape_of(path: str) -> str | None:
    """The URL shape of a path: the name of the view that answers it (query left aside)."""
    from django.urls import Resolver404, resolve

    try:
        return resolve(path.split("?")[0]).view_name
    except Resolver404:
        return None


def crawl(client, *, pole_slug: str, start: str = "/", max_pages: int = 1500, on_page=None) -> dict:
    """Follow the links of HTML pages from `start`, as the client's person, breadth first,
    staying in the network's pages and in the pole `pole_slug` (the other poles have the
    same shapes). Every page of a shape not seen yet is opened; of the shapes already seen,
    one more (a third project page or a list's third page leads nowhere new). Returns {"shapes":
    {shape: first path}, "errors": [(path, status)]}. `on_page(path, html)`, when given, is
    called with the first page of each shape, for checks on the pages themselves."""
    from collections import deque

    shapes: dict[str, str] = {}
    opened_per_shape: dict[str, int] = {}
    seen = {start}
    queue = deque([start])
    errors = []
    fetched = 0
    while queue and fetched < max_pages:
        path = queue.popleft()
        shape = shape_of(path)
        if shape is None or (path.startswith("/p/") and not path.startswith(f"/p/{pole_slug}/")):
            continue
        if opened_per_shape.get(shape, 0) >= 2:
            continue
        response = client.get(path)
        fetched += 1
        opened_per_shape[shape] = opened_per_shape.get(shape, 0) + 1
        if response.status_code >= 500:
            errors.append((path, response.status_code))
            continue
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        html = response.content.decode()
        if shape not in shapes and on_page is not None:
            on_page(path, html)
        shapes.setdefault(shape, path)
        for href in _links(html):
            target = _internal_path(href, "http://testserver" + path)
            if target and target not in seen:
                seen.add(target)
                queue.append(target)
    return {"shapes": shapes, "errors": errors}


def client_for(role: str):
    """A Django test client signed in as the demo's account for `role` (a visitor: signed out)."""
    from django.test import Client

    from peps.accounts.models import User

    client = Client(raise_request_exception=False, HTTP_ACCEPT_LANGUAGE="fr")
    email = DEMO_ROLES[role]
    if email:
        client.force_login(User.objects.get(email=email))
    return client
