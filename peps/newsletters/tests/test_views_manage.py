"""The coordination's pages: list, compose with preview, edit a draft, send once, deliveries,
subscribers; members get 403, outsiders 404, visitors the login page."""

import pytest
from django.core import mail
from django.urls import reverse

from peps.newsletters import services
from peps.newsletters.models import Delivery, Newsletter, NewsletterStatus

from .conftest import email_subscriber

pytestmark = pytest.mark.django_db


def url(name, *args):
    return reverse(f"newsletters:{name}", args=["pollens", *args])


@pytest.fixture
def newsletter(pole, coordinator):
    return services.newsletter_create(pole=pole, by=coordinator, subject="Nouvelles d’avril", body="Bonjour.")


@pytest.mark.parametrize("name", ["index", "create", "subscribers"])
def test_access_to_the_coordination_pages(client, pole, member, outsider, coordinator, name):
    assert client.get(url(name)).status_code == 302
    client.force_login(outsider)
    assert client.get(url(name)).status_code == 404
    client.force_login(member)
    assert client.get(url(name)).status_code == 403
    client.force_login(coordinator)
    response = client.get(url(name))
    assert response.status_code == 200 and response.content.decode().count("<h1>") == 1


def test_access_to_a_newsletter(client, pole, member, outsider, coordinator, newsletter, other_pole):
    client.force_login(outsider)
    assert client.get(url("detail", newsletter.pk)).status_code == 404
    assert client.post(url("send", newsletter.pk)).status_code == 404
    client.force_login(member)
    assert client.get(url("detail", newsletter.pk)).status_code == 403
    assert client.post(url("send", newsletter.pk)).status_code == 403
    assert client.post(url("edit", newsletter.pk), {"subject": "x", "body": "y"}).status_code == 403
    client.force_login(coordinator)
    assert client.get(url("detail", 999_999)).status_code == 404
    elsewhere = services.newsletter_create(pole=other_pole, by=None, subject="Ailleurs", body="Texte")
    assert client.get(url("detail", elsewhere.pk)).status_code == 404
    newsletter.refresh_from_db()
    assert newsletter.status == NewsletterStatus.DRAFT and not Delivery.objects.exists()


def test_compose_preview_then_save(client, pole, coordinator):
    client.force_login(coordinator)
    data = {"subject": "Nouvelles d’avril", "body": "Le **printemps** au pôle.\n\n- un\n- deux", "preview": "1"}
    response = client.post(url("create"), data)
    html = response.content.decode()
    assert response.status_code == 200 and "<strong>printemps</strong>" in html and "Aperçu" in html
    assert not Newsletter.objects.exists()
    del data["preview"]
    response = client.post(url("create"), data)
    newsletter = Newsletter.objects.get()
    assert response["Location"] == url("detail", newsletter.pk)
    assert newsletter.created_by == coordinator and newsletter.pole == pole


def test_an_empty_form_keeps_what_was_typed_with_a_message(client, coordinator):
    client.force_login(coordinator)
    response = client.post(url("create"), {"subject": "Objet gardé", "body": ""})
    html = response.content.decode()
    assert response.status_code == 400 and "Objet gardé" in html and "Ce champ est obligatoire" in html


def test_edit_a_draft_but_not_a_sent_newsletter(client, coordinator, newsletter, django_capture_on_commit_callbacks):
    client.force_login(coordinator)
    client.post(url("edit", newsletter.pk), {"subject": "Nouvelles de mai", "body": "Texte revu"})
    newsletter.refresh_from_db()
    assert newsletter.subject == "Nouvelles de mai"
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url("send", newsletter.pk))
    response = client.post(url("edit", newsletter.pk), {"subject": "Trop tard", "body": "x"})
    assert response.status_code == 302
    newsletter.refresh_from_db()
    assert newsletter.subject == "Nouvelles de mai"


def test_send_from_the_page_then_the_second_click_sends_nothing(
    client, pole, coordinator, newsletter, django_capture_on_commit_callbacks
):
    email_subscriber(pole, "voisine@example.org")
    client.force_login(coordinator)
    assert "Envoyer la lettre aux abonnés" in client.get(url("detail", newsletter.pk)).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("send", newsletter.pk), follow=True)
    html = response.content.decode()
    assert "part vers 1 destinataire" in html and "voisine@example.org" in html and "Envoyée" in html
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("send", newsletter.pk), follow=True)
    assert "déjà été envoyée" in response.content.decode()
    assert len(mail.outbox) == 1
    assert client.get(url("send", newsletter.pk)).status_code == 405


def test_the_delivery_record_is_paginated_with_bounded_queries(
    client, pole, coordinator, newsletter, django_assert_max_num_queries, django_capture_on_commit_callbacks
):
    for n in range(60):
        email_subscriber(pole, f"abonne{n:02d}@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        services.newsletter_send(newsletter=newsletter, by=coordinator)
    client.force_login(coordinator)
    with django_assert_max_num_queries(10):
        response = client.get(url("detail", newsletter.pk))
    page = response.context["page"]
    assert len(page.items) == 50 and page.has_next
    assert len(client.get(url("detail", newsletter.pk), {"page": 2}).context["page"].items) == 10
    assert client.get(url("detail", newsletter.pk), {"page": "abc"}).status_code == 200


def test_the_list_and_subscribers_pages_have_bounded_queries(
    client, pole, coordinator, member, django_assert_max_num_queries
):
    for n in range(35):
        services.newsletter_create(pole=pole, by=coordinator, subject=f"Lettre {n}", body="Texte")
        email_subscriber(pole, f"abonne{n:02d}@example.org")
    services.subscription_consent(pole=pole, user=member)
    client.force_login(coordinator)
    with django_assert_max_num_queries(10):
        response = client.get(url("index"))
    assert len(response.context["page"].items) == 20 and response.context["subscribers"] == 36
    with django_assert_max_num_queries(10):
        response = client.get(url("subscribers"))
    html = response.content.decode()
    assert len(response.context["page"].items) == 36 and member.email in html and "Marc" in html
