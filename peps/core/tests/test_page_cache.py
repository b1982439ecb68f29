"""The page cache serves a page again only while the tables it read are unchanged."""

import pytest
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.http import HttpResponse
from django.test import RequestFactory

from peps.core import freshness
from peps.core.cache import page_cache
from peps.core.testing.factories import PoleFactory, UserFactory
from peps.poles.models import Pole

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_clock_margin(monkeypatch, settings):
    # Writes made by the test a moment ago must not count as racing the render.
    monkeypatch.setattr(freshness, "CLOCK_MARGIN_NS", 0)
    settings.PEPS_ANONYMOUS_CACHE_SECONDS = 60


def _pole_names_view(calls):
    @page_cache
    def view(request):
        calls.append(1)
        return HttpResponse(", ".join(Pole.objects.order_by("name").values_list("name", flat=True)))

    return view


def _request(user=None, csrf=True, path="/same/", **extra):
    request = RequestFactory().get(path, **extra)
    request.user = user or AnonymousUser()
    if csrf:
        request.COOKIES[settings.CSRF_COOKIE_NAME] = "secret-of-this-browser"
    request.session = {}
    return request


def test_every_kind_of_write_stamps_its_table():
    pole = PoleFactory()
    before = freshness.stamps_of(["poles_pole"])["t:poles_pole"]
    Pole.objects.filter(pk=pole.pk).update(name="Autre nom")
    after_update = freshness.stamps_of(["poles_pole"])["t:poles_pole"]
    with connection.cursor() as cursor:
        cursor.execute("UPDATE poles_pole SET tagline = 'x'")
    after_raw = freshness.stamps_of(["poles_pole"])["t:poles_pole"]
    assert before < after_update < after_raw


def test_tracking_collects_the_tables_read():
    with freshness.tracking() as tables:
        list(Pole.objects.filter(territory_units__code="422").values("name"))
    assert {"poles_pole", "poles_territoryunit"} <= tables


def test_an_unchanged_page_is_served_again_and_a_change_shows_at_once():
    PoleFactory(name="Alpha")
    calls = []
    view = _pole_names_view(calls)
    assert view(_request()).content == b"Alpha"
    assert view(_request()).content == b"Alpha"
    assert len(calls) == 1
    PoleFactory(name="Bêta")
    assert view(_request()).content == b"Alpha, B\xc3\xaata"
    assert len(calls) == 2


def test_a_write_to_a_table_the_page_did_not_read_keeps_it():
    PoleFactory(name="Alpha")
    calls = []
    view = _pole_names_view(calls)
    view(_request())
    UserFactory()
    view(_request())
    assert len(calls) == 1


def test_signed_in_people_each_get_their_own_copy():
    PoleFactory(name="Alpha")
    calls = []
    view = _pole_names_view(calls)
    ana, bruno = UserFactory(), UserFactory()
    view(_request(ana))
    view(_request(ana))
    view(_request(bruno))
    assert len(calls) == 2


def test_no_copy_without_a_csrf_cookie_nor_with_pending_messages_nor_for_htmx():
    PoleFactory(name="Alpha")
    calls = []
    view = _pole_names_view(calls)
    person = UserFactory()
    for _ in range(2):
        view(_request(person, csrf=False))
    for _ in range(2):
        request = _request(person)
        request.session = {"_messages": "[…]"}
        view(request)
    for _ in range(2):
        request = _request(person)
        request.htmx = True
        view(request)
    assert len(calls) == 6


def test_a_write_during_the_render_keeps_nothing(monkeypatch):
    PoleFactory(name="Alpha")
    calls = []

    @page_cache
    def view(request):
        calls.append(1)
        names = list(Pole.objects.values_list("name", flat=True))
        PoleFactory(name="Écrit pendant")  # another request's write, landing mid-render
        return HttpResponse(", ".join(names))

    view(_request())
    view(_request())
    assert len(calls) == 2


def test_signed_in_pole_home_shows_a_change_at_once(client, pole, member):
    client.force_login(member)
    client.get("/p/pollens/")  # sets the CSRF cookie
    client.get("/p/pollens/")
    Pole.objects.filter(pk=pole.pk).update(name="Nom changé")
    assert "Nom changé" in client.get("/p/pollens/").content.decode()
