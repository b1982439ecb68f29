"""Failed logins lock a person-and-address pair, never an address alone (behind a reverse
proxy every client shares one), and the address comes from X-Forwarded-For only behind a
trusted proxy."""

import pytest
from django.test import RequestFactory

from peps.core.http import client_ip
from peps.core.testing import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _production_limits(settings):
    """The suite turns rate limits off; these tests check the production ones."""
    settings.ACCOUNT_RATE_LIMITS = settings.PEPS_LOGIN_RATE_LIMITS


def _login(client, email, password, address):
    return client.post("/compte/login/", {"login": email, "password": password}, REMOTE_ADDR=address)


def test_eight_failures_on_one_account_do_not_lock_others_behind_the_same_address(client):
    victim = f.UserFactory(email="victime@example.org")
    other = f.UserFactory(email="autre@example.org")
    for _ in range(8):
        _login(client, victim.email, "mauvais mot de passe", "10.0.0.1")
    locked = _login(client, victim.email, f.PASSWORD, "10.0.0.1")
    assert locked.status_code == 429 or "_auth_user_id" not in client.session

    answer = _login(client, other.email, f.PASSWORD, "10.0.0.1")
    assert answer.status_code == 302
    assert client.session["_auth_user_id"] == str(other.pk)


def test_the_locked_person_can_still_sign_in_from_another_address(client):
    person = f.UserFactory(email="personne@example.org")
    for _ in range(8):
        _login(client, person.email, "mauvais mot de passe", "10.0.0.1")
    answer = _login(client, person.email, f.PASSWORD, "10.0.0.2")
    assert answer.status_code == 302
    assert client.session["_auth_user_id"] == str(person.pk)


def test_the_forwarded_address_is_ignored_without_a_trusted_proxy(settings):
    settings.PEPS_TRUSTED_PROXY_COUNT = 0
    request = RequestFactory().get("/", REMOTE_ADDR="192.0.2.10", HTTP_X_FORWARDED_FOR="203.0.113.5")
    assert client_ip(request) == "192.0.2.10"


def test_behind_one_trusted_proxy_the_address_it_saw_is_used(settings):
    settings.PEPS_TRUSTED_PROXY_COUNT = 1
    # The client wrote a first hop itself; the proxy appended the address it really saw.
    request = RequestFactory().get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.5")
    assert client_ip(request) == "203.0.113.5"


def test_a_malformed_address_is_no_address(settings):
    settings.PEPS_TRUSTED_PROXY_COUNT = 1
    request = RequestFactory().get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="not-an-ip")
    assert client_ip(request) is None


def test_a_person_alone_is_limited_over_a_longer_window(client):
    """Failures spread over many addresses still stop at 20 an hour for one person."""
    person = f.UserFactory(email="cible@example.org")
    for attempt in range(20):
        _login(client, person.email, "mauvais mot de passe", f"10.1.0.{attempt}")
    answer = _login(client, person.email, f.PASSWORD, "10.2.0.1")
    assert "_auth_user_id" not in client.session
    assert answer.status_code in (200, 429)
