"""The database session store (peps/core/sessions.py) reads what Django's own store reads."""

import datetime

import pytest
from django.contrib.sessions.backends.db import SessionStore as DjangoStore
from django.contrib.sessions.models import Session
from django.utils import timezone

from peps.core.sessions import SessionStore

pytestmark = pytest.mark.django_db


def _saved(**data) -> str:
    store = DjangoStore()
    store.update(data)
    store.create()
    return store.session_key


def test_a_session_reads_as_with_django_store():
    key = _saved(user="42", lang="fr")
    store = SessionStore(key)
    assert store.load() == DjangoStore(key).load() == {"user": "42", "lang": "fr"}
    assert store.session_key == key


def test_an_expired_session_is_empty_and_its_key_dropped():
    key = _saved(user="42")
    Session.objects.filter(session_key=key).update(expire_date=timezone.now() - datetime.timedelta(seconds=1))
    store = SessionStore(key)
    assert store.load() == {}
    assert store.session_key is None


def test_an_unknown_key_is_an_empty_session():
    store = SessionStore("x" * 32)
    assert store.load() == {}
    assert store.session_key is None


def test_a_session_is_written_as_django_writes_it():
    store = SessionStore()
    store["user"] = "7"
    store.save()
    assert DjangoStore(store.session_key).load() == {"user": "7"}
    store["user"] = "8"
    store.save()
    assert SessionStore(store.session_key).load() == {"user": "8"}
