"""Sending a newsletter: consenting addresses only, one e-mail each with a working unsubscribe
link and List-Unsubscribe header, a record per address, and never twice."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from peps.newsletters import services
from peps.newsletters.models import Delivery, DeliveryStatus, NewsletterStatus

from .conftest import email_subscriber

pytestmark = pytest.mark.django_db


def draft(pole, by, subject="Les nouvelles du printemps"):
    return services.newsletter_create(pole=pole, by=by, subject=subject, body="Bonjour **à tous**.")


def test_the_newsletter_goes_to_consenting_addresses_only(
    pole, coordinator, member, django_capture_on_commit_callbacks
):
    services.subscription_consent(pole=pole, user=member)
    email_subscriber(pole, "voisine@example.org")
    email_subscriber(pole, "attente@example.org", consented=False)
    gone = email_subscriber(pole, "partie@example.org")
    services.subscription_unsubscribe(subscription=gone)
    newsletter = draft(pole, coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.newsletter_send(newsletter=newsletter, by=coordinator) == 2
    newsletter.refresh_from_db()
    assert newsletter.status == NewsletterStatus.SENT and newsletter.recipients_count == 2
    assert sorted(m.to[0] for m in mail.outbox) == sorted([member.email, "voisine@example.org"])
    assert all(len(m.to) == 1 for m in mail.outbox)
    deliveries = Delivery.objects.filter(newsletter=newsletter)
    assert {d.status for d in deliveries} == {DeliveryStatus.SENT}
    assert all(d.sent_at for d in deliveries)


def test_each_email_has_a_list_unsubscribe_header_and_link_that_works(
    client, pole, coordinator, django_capture_on_commit_callbacks
):
    subscription = email_subscriber(pole, "voisine@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        services.newsletter_send(newsletter=draft(pole, coordinator), by=coordinator)
    message = mail.outbox[0]
    link = message.extra_headers["List-Unsubscribe"].removeprefix("<").removesuffix(">")
    # The same address but its signed token, which carries the second it was signed at.
    assert link.rsplit("/", 2)[0] == services.unsubscribe_url(subscription).rsplit("/", 2)[0]
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert link in message.body and message.subject == "[POLLENS — Roannais] Les nouvelles du printemps"
    html = message.alternatives[0][0]
    assert "<strong>à tous</strong>" in html and link in html
    # One-click unsubscribe from the mail client: a POST without login nor CSRF token.
    path = link.removeprefix("https://peps.example")
    client.handler.enforce_csrf_checks = True
    response = client.post(path, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    subscription.refresh_from_db()
    assert subscription.unsubscribed_at is not None


def test_sending_twice_is_impossible(pole, coordinator, django_capture_on_commit_callbacks):
    email_subscriber(pole, "voisine@example.org")
    newsletter = draft(pole, coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        services.newsletter_send(newsletter=newsletter, by=coordinator)
    with pytest.raises(ValidationError):
        services.newsletter_send(newsletter=newsletter, by=coordinator)
    # Even from a stale copy that still believes it is a draft.
    stale = type(newsletter).objects.get(pk=newsletter.pk)
    stale.status = NewsletterStatus.DRAFT
    with pytest.raises(ValidationError):
        services.newsletter_send(newsletter=stale, by=coordinator)
    # And delivering again sends nothing more.
    assert services.newsletter_deliver(newsletter_id=newsletter.pk) == 0
    assert len(mail.outbox) == 1 and Delivery.objects.count() == 1


def test_a_sent_newsletter_cannot_be_edited(pole, coordinator, django_capture_on_commit_callbacks):
    newsletter = draft(pole, coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        services.newsletter_send(newsletter=newsletter, by=coordinator)
    with pytest.raises(ValidationError):
        services.newsletter_update(newsletter=newsletter, by=coordinator, subject="Autre", body="Autre")


def test_an_empty_subject_or_body_is_refused(pole, coordinator):
    with pytest.raises(ValidationError) as error:
        services.newsletter_create(pole=pole, by=coordinator, subject="  ", body="")
    assert set(error.value.message_dict) == {"subject", "body"}


def test_a_failed_address_is_recorded_and_does_not_stop_the_others(
    pole, coordinator, settings, django_capture_on_commit_callbacks, monkeypatch
):
    email_subscriber(pole, "a@example.org")
    email_subscriber(pole, "b@example.org")
    original = services.EmailMultiAlternatives.send

    def send(message, *args, **kwargs):
        if message.to == ["a@example.org"]:
            raise OSError("boîte pleine")
        return original(message, *args, **kwargs)

    monkeypatch.setattr(services.EmailMultiAlternatives, "send", send)
    newsletter = draft(pole, coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        services.newsletter_send(newsletter=newsletter, by=coordinator)
    failed = Delivery.objects.get(address="a@example.org")
    assert failed.status == DeliveryStatus.FAILED and "boîte pleine" in failed.error
    assert Delivery.objects.get(address="b@example.org").status == DeliveryStatus.SENT
    assert [m.to for m in mail.outbox] == [["b@example.org"]]
