"""Sign-up with e-mail confirmation, and password reset, in French and in the site layout."""

import re

import pytest
from django.core import mail

from peps.accounts.models import User
from peps.core.testing import factories as f

pytestmark = pytest.mark.django_db


def test_signup_page_is_in_the_layout_with_labelled_fields(client):
    html = client.get("/compte/signup/").content.decode()
    assert html.count("<h1>") == 1
    assert 'class="site-header"' in html
    for name in ("display_name", "email", "password1", "password2"):
        assert f'<label for="id_{name}">' in html


def test_signup_sends_a_french_confirmation_then_confirming_logs_in(client):
    response = client.post(
        "/compte/signup/",
        {
            "display_name": "Nora Nouvelle",
            "email": "nora@example.org",
            "password1": "un-long-mot-de-passe-42",
            "password2": "un-long-mot-de-passe-42",
        },
    )
    assert response.status_code == 302
    user = User.objects.get(email="nora@example.org")
    assert user.display_name == "Nora Nouvelle"
    assert user.search_text == "nora nouvelle"
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.subject.startswith("[PEPS] ")
    assert "Confirmez votre adresse e-mail" in message.subject
    assert "Pour confirmer votre adresse" in message.body and "Bonjour" in message.body
    assert "example.com" not in message.body
    link = re.search(r"https?://[^/\s]+(/compte/confirm-email/\S+/)", message.body).group(1)
    confirm_page = client.get(link)
    assert confirm_page.status_code == 200
    assert client.post(link).status_code == 302
    assert client.get("/profil/").status_code == 200


def test_signup_errors_are_shown_and_input_kept(client):
    response = client.post(
        "/compte/signup/", {"display_name": "", "email": "nora@example.org", "password1": "court", "password2": "x"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="form-errors"' in html and 'value="nora@example.org"' in html
    assert not User.objects.filter(email="nora@example.org").exists()


def test_password_reset_sends_a_french_email(client):
    f.UserFactory(email="oubli@example.org")
    html = client.get("/compte/password/reset/").content.decode()
    assert html.count("<h1>") == 1 and '<label for="id_email">' in html
    client.post("/compte/password/reset/", {"email": "oubli@example.org"})
    assert len(mail.outbox) == 1
    assert mail.outbox[0].subject == "[PEPS] Réinitialisation de votre mot de passe"
    assert "/compte/password/reset/key/" in mail.outbox[0].body
