"""Where a person was heading (`next`) survives sign-up, e-mail confirmation and login, and
the login and sign-up pages say why they are asked."""

import re

import pytest
from django.core import mail

from peps.accounts.login_reasons import login_reason

pytestmark = pytest.mark.django_db

IDEA_FORM = "/p/pollens/projets/proposer/"
REASON = "Pour proposer une idée à POLLENS, connectez-vous ou créez un compte en une minute."


def sign_up(client, next_url: str = IDEA_FORM):
    response = client.post(
        f"/compte/signup/?next={next_url}",
        {
            "display_name": "Nora Nouvelle",
            "email": "nora@example.org",
            "password1": "un-long-mot-de-passe-42",
            "password2": "un-long-mot-de-passe-42",
            "next": next_url,
        },
    )
    assert response.status_code == 302
    return re.search(r"https?://[^/\s]+(/compte/confirm-email/\S+/)", mail.outbox[-1].body).group(1)


def test_the_reason_comes_from_the_next_address(pole):
    assert login_reason(IDEA_FORM) == REASON
    assert login_reason("/p/pollens/projets/proposer/?x=1") == REASON
    assert login_reason("/p/inconnu/projets/proposer/") == ""
    assert login_reason("/profil/") == ""
    assert login_reason("") == "" and login_reason(None) == ""


def test_login_and_signup_pages_say_why_and_keep_next(client, pole):
    html = client.get(f"/compte/login/?next={IDEA_FORM}").content.decode()
    assert REASON in html
    assert f'href="/compte/signup/?next={IDEA_FORM.replace("/", "%2F")}"' in html
    html = client.get(f"/compte/signup/?next={IDEA_FORM}").content.decode()
    assert REASON in html and f'value="{IDEA_FORM}"' in html
    assert REASON not in client.get("/compte/login/").content.decode()


def test_after_confirming_the_new_account_is_back_on_the_idea_form(client, pole):
    link = sign_up(client)
    response = client.post(link)
    assert response.status_code == 302 and response["Location"] == IDEA_FORM
    assert client.get(IDEA_FORM).status_code == 200


def test_a_late_confirmation_goes_through_the_login_page_then_to_the_form(client, pole):
    link = sign_up(client)
    # allauth's own memory of the sign-up has expired (it keeps it a few minutes).
    session = client.session
    session.pop("account_login", None)
    session.save()
    response = client.post(link)
    assert (
        response.status_code == 302 and response["Location"] == f"/compte/login/?next={IDEA_FORM.replace('/', '%2F')}"
    )
    response = client.post(
        response["Location"], {"login": "nora@example.org", "password": "un-long-mot-de-passe-42", "next": IDEA_FORM}
    )
    assert response.status_code == 302 and response["Location"] == IDEA_FORM


def test_an_outside_next_is_ignored(client, pole):
    link = sign_up(client, next_url="https://ailleurs.example.com/")
    response = client.post(link)
    assert response.status_code == 302 and "ailleurs" not in response["Location"]
