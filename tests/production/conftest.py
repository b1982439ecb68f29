"""The production shape, tested from outside: PostgreSQL, Redis, gunicorn with three workers
and a task worker, DEBUG off (started by `.ci/prod-check`, or `make prod-check`).

These tests talk HTTP to that server (PEPS_PROD_URL) and read or prepare rows with Django set
up on the same database and Redis, as another process of the site would (a cron command, the
task worker). They are skipped when PEPS_PROD_URL is not set. Run them without pytest-django
and without the root conftest: `pytest -p no:django --confcutdir=tests/production tests/production`.
"""

import os
import re
import uuid

import pytest

PROD_URL = os.environ.get("PEPS_PROD_URL", "").rstrip("/")

if PROD_URL:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()


def pytest_collection_modifyitems(config, items):
    if PROD_URL:
        return
    skip = pytest.mark.skip(reason="PEPS_PROD_URL is not set: run `make prod-check`")
    # This hook sees the whole session's items: only this folder's tests need the server.
    for item in items:
        if "tests/production/" in str(item.fspath):
            item.add_marker(skip)


@pytest.fixture
def base_url() -> str:
    return PROD_URL


@pytest.fixture
def pole():
    """A fresh pole of its own for each test (the server's database is shared by the tests)."""
    from peps.core.testing import factories as f

    slug = f"prod-{uuid.uuid4().hex[:8]}"
    return f.PoleFactory(slug=slug, name=f"Pôle {slug}", short_name=slug)


CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def csrf_of(html: str) -> str:
    found = CSRF_INPUT.search(html)
    assert found, "no CSRF token in the page"
    return found.group(1)


def sign_in(session, base: str, email: str, password: str) -> None:
    """Through the real login form, as a browser does."""
    page = session.get(f"{base}/compte/login/")
    token = csrf_of(page.text)
    answer = session.post(
        f"{base}/compte/login/",
        data={"login": email, "password": password, "csrfmiddlewaretoken": token},
        headers={"Referer": f"{base}/compte/login/"},
    )
    assert answer.status_code == 200 and "sessionid" in session.cookies, answer.text[:500]


def session_cookie_for(user) -> str:
    """A signed-in session made in the shared store, as the login view would make it."""
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY

    store = import_module(settings.SESSION_ENGINE).SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.create()
    return store.session_key


def signed_in_session(base: str, user):
    import requests

    session = requests.Session()
    session.cookies.set("sessionid", session_cookie_for(user), domain="127.0.0.1", path="/")
    page = session.get(f"{base}/")
    assert page.status_code == 200
    return session
