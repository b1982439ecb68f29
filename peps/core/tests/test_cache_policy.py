"""Visitors' pages may be kept by a proxy and revalidated with their ETag; a signed-in
person's pages, or pages that set a cookie, are private."""

import pytest

from peps.core.testing import factories as f

pytestmark = pytest.mark.django_db


def test_a_visitors_page_is_public_with_an_etag_and_revalidates(client, settings):
    settings.PEPS_PUBLIC_MAX_AGE = 30
    f.PoleFactory(slug="pollens")
    page = client.get("/")
    assert page.status_code == 200
    assert "public" in page["Cache-Control"] and "max-age=30" in page["Cache-Control"]
    assert "Cookie" in page["Vary"]
    again = client.get("/", HTTP_IF_NONE_MATCH=page["ETag"])
    assert again.status_code == 304


def test_a_signed_in_page_is_private(client):
    client.force_login(f.UserFactory())
    page = client.get("/")
    assert "private" in page["Cache-Control"] and "public" not in page["Cache-Control"]


def test_a_page_that_sets_a_cookie_is_private(client):
    page = client.get("/compte/login/")  # its form gives a CSRF cookie
    assert page.cookies
    assert "private" in page["Cache-Control"]
