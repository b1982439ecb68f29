"""The subscribers' pages: subscribing with or without an account, the confirmation link,
the unsubscribe link (no login), and links that are wrong, expired or of another pole."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from peps.newsletters import selectors, services, tokens
from peps.newsletters.models import Subscription

from .conftest import email_subscriber

pytestmark = pytest.mark.django_db
SUBSCRIBE = reverse("newsletters:subscribe", kwargs={"pole": "pollens"})


def test_a_visitor_subscribes_and_confirms_by_the_emailed_link(client, pole, django_capture_on_commit_callbacks):
    page = client.get(SUBSCRIBE).content.decode()
    assert page.count("<h1>") == 1 and 'name="consent"' in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(SUBSCRIBE, {"email": "voisine@example.org", "consent": "on"})
    assert response.status_code == 200 and "Confirmez votre adresse" in response.content.decode()
    assert selectors.recipients_of(pole) == []
    link = re.search(r"https://peps\.example(\S+)", mail.outbox[0].body).group(1)
    assert "Oui, je confirme" in client.get(link).content.decode()
    assert selectors.recipients_of(pole) == []  # opening the link is not enough: scanners open links too
    response = client.post(link)
    assert "Inscription confirmée" in response.content.decode()
    assert [a for _pk, a in selectors.recipients_of(pole)] == ["voisine@example.org"]


def test_consent_must_be_ticked_and_bad_input_keeps_what_was_typed(client, pole):
    response = client.post(SUBSCRIBE, {"email": "voisine@example.org"})
    html = response.content.decode()
    assert response.status_code == 400 and "Cochez la case" in html and "voisine@example.org" in html
    response = client.post(SUBSCRIBE, {"email": "pas-une-adresse", "consent": "on"})
    assert response.status_code == 400 and not Subscription.objects.exists()


def test_a_signed_in_person_subscribes_and_unsubscribes_in_one_click(client, pole, citizen):
    client.force_login(citizen)
    assert "Je m’abonne" in client.get(SUBSCRIBE).content.decode()
    client.post(SUBSCRIBE, {"action": "subscribe"})
    assert [a for _pk, a in selectors.recipients_of(pole)] == [citizen.email]
    assert "Me désinscrire" in client.get(SUBSCRIBE).content.decode()
    client.post(SUBSCRIBE, {"action": "unsubscribe"})
    assert selectors.recipients_of(pole) == []


def test_the_unsubscribe_link_works_without_login(client, pole):
    subscription = email_subscriber(pole, "voisine@example.org")
    link = services.unsubscribe_url(subscription).removeprefix("https://peps.example")
    page = client.get(link)
    assert page.status_code == 200 and "Confirmer la désinscription" in page.content.decode()
    subscription.refresh_from_db()
    assert subscription.is_active  # a GET changes nothing
    assert "Désinscription enregistrée" in client.post(link).content.decode()
    subscription.refresh_from_db()
    assert not subscription.is_active


def test_wrong_expired_or_foreign_links_are_not_found(client, pole, other_pole, monkeypatch):
    subscription = email_subscriber(pole, "voisine@example.org")
    foreign = reverse(
        "newsletters:unsubscribe", kwargs={"pole": other_pole.slug, "token": tokens.unsubscribe_token(subscription)}
    )
    assert client.post(foreign).status_code == 404
    for token in ["nimporte-quoi", subscription.token, tokens.confirm_token(subscription)]:
        assert (
            client.get(reverse("newsletters:unsubscribe", kwargs={"pole": "pollens", "token": token})).status_code
            == 404
        )
    monkeypatch.setattr(tokens, "CONFIRM_MAX_AGE", -1)
    expired = reverse("newsletters:confirm", kwargs={"pole": "pollens", "token": tokens.confirm_token(subscription)})
    response = client.post(expired)
    assert response.status_code == 404 and "plus valable" in response.content.decode()
    assert client.get("/p/inconnu/lettres/inscription/").status_code == 404
