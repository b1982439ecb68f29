"""request.user read by peps.accounts.middleware: what Django's auth.get_user() answers, in
every case, with the person's row written out in the common one."""

from importlib import import_module

import pytest
from django.conf import settings
from django.contrib import auth
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.test import RequestFactory

from peps.accounts.middleware import session_user

pytestmark = pytest.mark.django_db

MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"


def _request(user, *, backend=MODEL_BACKEND, session_hash=None):
    session = import_module(settings.SESSION_ENGINE).SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = backend
    session[HASH_SESSION_KEY] = user.get_session_auth_hash() if session_hash is None else session_hash
    session.create()

    def request():
        made = RequestFactory().get("/")
        made.session = import_module(settings.SESSION_ENGINE).SessionStore(session_key=session.session_key)
        return made

    return request


def _both(request) -> tuple:
    ours, django = session_user(request()), auth.get_user(request())
    return ours, django


def _fields(user) -> dict:
    return {field.attname: getattr(user, field.attname) for field in type(user)._meta.concrete_fields}


@pytest.mark.parametrize("backend", [MODEL_BACKEND, "allauth.account.auth_backends.AuthenticationBackend"])
def test_a_signed_in_person_is_read_as_django_reads_them(coordinator, backend, django_assert_max_num_queries):
    request = _request(coordinator, backend=backend)
    ours, django = _both(request)
    assert ours.pk == coordinator.pk and _fields(ours) == _fields(django)
    assert not ours._state.adding
    with django_assert_max_num_queries(2):  # the session (unless cached), the person
        session_user(request())


def test_the_common_case_does_not_ask_django(coordinator, monkeypatch):
    request = _request(coordinator)

    def django_read(request):
        raise AssertionError("the common case is read by the written-out query")

    monkeypatch.setattr(auth, "get_user", django_read)
    assert session_user(request()).pk == coordinator.pk


def test_a_deactivated_person_is_anonymous(coordinator):
    request = _request(coordinator)
    type(coordinator).objects.filter(pk=coordinator.pk).update(is_active=False)
    ours, django = _both(request)
    assert not ours.is_authenticated and not django.is_authenticated


def test_a_session_from_before_a_password_change_is_anonymous_and_ended(coordinator):
    request = _request(coordinator)
    coordinator.set_password("another password of enough length")
    coordinator.save()
    ended = request()
    assert not session_user(ended).is_authenticated
    assert SESSION_KEY not in ended.session
    assert not auth.get_user(request()).is_authenticated


def test_a_wrong_hash_a_missing_person_or_an_unknown_backend_is_anonymous(coordinator, member):
    for request in (
        _request(coordinator, session_hash="not the hash"),
        _request(coordinator, backend="some.other.Backend"),
    ):
        ours, django = _both(request)
        assert not ours.is_authenticated and not django.is_authenticated
    request = _request(member)
    member.delete()
    ours, django = _both(request)
    assert not ours.is_authenticated and not django.is_authenticated


def test_the_pages_see_the_signed_in_person(client, coordinator):
    client.force_login(coordinator)
    response = client.get("/accessibilite/")
    assert response.wsgi_request.user.pk == coordinator.pk
    assert coordinator.public_name in response.content.decode()
