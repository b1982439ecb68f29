"""Consents: signed-in people at once, bare addresses by a confirmation link (double opt-in)."""

import datetime
import re

import pytest
from django.core import mail
from django.utils import timezone

from peps.newsletters import selectors, services, tokens
from peps.newsletters.models import Source, Subscription

from .conftest import email_subscriber

pytestmark = pytest.mark.django_db


def test_a_signed_in_person_consents_at_once_and_can_withdraw(pole, member):
    subscription = services.subscription_consent(pole=pole, user=member, source=Source.PROFILE)
    assert subscription.is_active and subscription.consented_at is not None
    assert selectors.recipients_of(pole) == [(subscription.pk, member.email)]
    assert services.subscription_withdraw(pole=pole, user=member) == 1
    assert selectors.recipients_of(pole) == []


def test_consenting_again_after_withdrawal_records_a_new_consent(pole, member):
    first = services.subscription_consent(pole=pole, user=member)
    services.subscription_withdraw(pole=pole, user=member)
    again = services.subscription_consent(pole=pole, user=member)
    assert again.pk == first.pk and again.is_active and again.consented_at > first.consented_at


def test_a_bare_address_receives_nothing_until_confirmed(pole, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        subscription = services.subscription_request(pole=pole, email=" Voisine@Example.org ")
    assert subscription.email == "voisine@example.org" and not subscription.is_active
    assert selectors.recipients_of(pole) == []
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["voisine@example.org"]
    # The link the e-mail carries confirms this subscription (the signature's timestamp is the
    # second it was sent: under load, a link made again later may differ from it).
    prefix = services.confirm_url(subscription).rsplit("/", 2)[0] + "/"
    sent = re.search(re.escape(prefix) + r"([^/\s]+)/", mail.outbox[0].body)
    assert sent and tokens.read_confirm_token(sent.group(1)) == subscription.token
    services.subscription_confirm(subscription=subscription)
    assert selectors.recipients_of(pole) == [(subscription.pk, "voisine@example.org")]


def test_asking_twice_sends_one_confirmation_and_creates_one_row(pole, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.subscription_request(pole=pole, email="voisine@example.org")
        services.subscription_request(pole=pole, email="voisine@example.org")
    assert Subscription.objects.count() == 1 and len(mail.outbox) == 1
    later = timezone.now() + datetime.timedelta(minutes=11)
    with django_capture_on_commit_callbacks(execute=True):
        services.subscription_request(pole=pole, email="voisine@example.org", now=later)
    assert len(mail.outbox) == 2


def test_an_active_address_gets_no_new_confirmation(pole, django_capture_on_commit_callbacks):
    email_subscriber(pole, "voisine@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        services.subscription_request(pole=pole, email="voisine@example.org")
    assert mail.outbox == []


def test_unsubscribing_stops_every_subscription_reaching_the_address(pole, member):
    own = services.subscription_consent(pole=pole, user=member)
    bare = email_subscriber(pole, member.email.upper())
    services.subscription_unsubscribe(subscription=bare)
    own.refresh_from_db()
    assert own.unsubscribed_at is not None and selectors.recipients_of(pole) == []


def test_recipients_are_each_address_once_and_never_an_erased_account(pole, member, coordinator):
    services.subscription_consent(pole=pole, user=member)
    email_subscriber(pole, member.email)  # the same person, before having an account
    email_subscriber(pole, "attente@example.org", consented=False)
    services.subscription_consent(pole=pole, user=coordinator)
    coordinator.is_active = False
    coordinator.save(update_fields=["is_active"])
    assert [address for _pk, address in selectors.recipients_of(pole)] == [member.email]


def test_tokens_are_signed_purpose_bound_and_confirmation_expires(pole, monkeypatch):
    subscription = email_subscriber(pole, "voisine@example.org")
    assert tokens.read_unsubscribe_token(tokens.unsubscribe_token(subscription)) == subscription.token
    assert tokens.read_confirm_token(tokens.unsubscribe_token(subscription)) is None
    assert tokens.read_unsubscribe_token(subscription.token) is None
    assert tokens.read_unsubscribe_token(tokens.unsubscribe_token(subscription) + "x") is None
    confirm = tokens.confirm_token(subscription)
    assert tokens.read_confirm_token(confirm) == subscription.token
    monkeypatch.setattr(tokens, "CONFIRM_MAX_AGE", -1)  # as if seven days had passed
    assert tokens.read_confirm_token(confirm) is None
